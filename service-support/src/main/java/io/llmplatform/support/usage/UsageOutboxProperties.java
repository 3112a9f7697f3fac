package io.llmplatform.support.usage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether this service writes usage to its outbox and relays it
 * @param batchSize rows written, and published, per transaction
 * @param capacity usage events that may wait in memory for PostgreSQL before new ones are dropped
 * @param sendTimeout how long a batch waits for Kafka's acknowledgement before it is retried later
 */
@ConfigurationProperties("platform.usage.outbox")
public record UsageOutboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("500") int batchSize,
        @DefaultValue("100000") int capacity,
        @DefaultValue("15s") Duration sendTimeout) {
}
