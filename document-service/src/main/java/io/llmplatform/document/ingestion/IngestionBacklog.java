package io.llmplatform.document.ingestion;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code platform.documents.ingestion.backlog}: documents waiting for or in ingestion, across every replica (it is
 * read from the job table at each scrape, through the partial index on pending jobs).
 */
@Component
class IngestionBacklog {

    IngestionBacklog(JdbcClient jdbc, MeterRegistry registry) {
        Gauge.builder("platform.documents.ingestion.backlog", jdbc, client -> client
                        .sql("select count(*) from ingestion_jobs where state = 'PENDING'").query(Long.class).single())
                .description("Documents waiting for or in ingestion").register(registry);
    }
}
