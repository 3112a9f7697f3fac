package io.llmplatform.support.usage;

import io.llmplatform.contracts.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to {@link Topics#USAGE} (keyed by user) and deletes them once Kafka has acknowledged them,
 * in one transaction per batch. Rows are claimed with {@code for update skip locked}, so several replicas relay
 * side by side without publishing a row twice; a crash after publishing and before committing republishes a batch,
 * which the ledger ignores by event id. While Kafka is down, rows wait and the backlog gauge grows. When the
 * application stops, after the {@link UsageOutboxWriter} has written its last events, the relay publishes what is left
 * once more (what Kafka does not take in time waits in the table for the next start) and closes its producer.
 */
public final class UsageOutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageOutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final int batchSize;
    private final Duration sendTimeout;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;

    public UsageOutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
            int batchSize, Duration sendTimeout, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        Gauge.builder("platform.usage.outbox.backlog", backlog, AtomicLong::get)
                .description("Usage events written but not yet published to Kafka").register(meters);
    }

    /** Relays until the outbox is empty or Kafka fails; runs again shortly after. */
    @Scheduled(fixedDelayString = "${platform.usage.outbox.poll-interval:PT0.2S}")
    public void relay() {
        try {
            while (relayBatch() == batchSize) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            log.warn("Usage outbox relay paused, will retry: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "PT10S")
    public void measureBacklog() {
        backlog.set(jdbc.sql("select count(*) from usage_outbox").query(Long.class).single());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        relay();
        kafka.getProducerFactory().reset();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the writer, so that the last events it writes are published too. */
    @Override
    public int getPhase() {
        return UsageOutboxWriter.PHASE - 1024;
    }

    int relayBatch() {
        Integer relayed = transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            select event_id, user_id, payload from usage_outbox
                            order by created_at limit ? for update skip locked
                            """)
                    .param(batchSize)
                    .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
            for (Row row : rows) {
                sends.add(kafka.send(Topics.USAGE, row.userId().toString(), row.payload()));
            }
            kafka.flush();
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the usage batch: " + e.getMessage(), e);
            }
            jdbc.sql("delete from usage_outbox where event_id in (:ids)")
                    .param("ids", rows.stream().map(Row::eventId).toList()).update();
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private record Row(UUID eventId, UUID userId, String payload) {
    }
}
