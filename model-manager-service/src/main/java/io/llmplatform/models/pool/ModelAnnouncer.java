package io.llmplatform.models.pool;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a pool's state on the compacted {@code llm.models.v1}, keyed by pool. A failed send is logged and
 * counted, not thrown: a switch goes on, and the periodic re-announcement of every pool heals what Kafka missed.
 */
@Component
class ModelAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(ModelAnnouncer.class);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Counter failures;

    ModelAnnouncer(KafkaTemplate<String, String> kafka, JsonMapper json, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.failures = Counter.builder("platform.models.announcements.failed")
                .description("Pool announcements that did not reach Kafka (they are sent again periodically)")
                .register(meters);
    }

    void announce(ModelAnnouncement announcement) {
        try {
            kafka.send(Topics.MODELS, announcement.pool(), json.writeValueAsString(announcement))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.increment();
        } catch (Exception e) {
            failures.increment();
            log.warn("Could not announce pool {} ({}): {}; it is announced again shortly", announcement.pool(),
                    announcement.state(), e.getMessage());
        }
    }
}
