package io.llmplatform.gateway.ratelimit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the rate limit buckets live. The limits themselves are per route class (see the routing properties).
 *
 * @param redisTimeout how long a decision may wait for Redis before this replica decides alone
 * @param redisReconnectPause how long after a failed attempt to connect to Redis the next one is made
 * @param maxLocalBuckets how many callers' buckets one replica keeps in memory
 */
@ConfigurationProperties("platform.gateway.rate-limit")
@Validated
public record RateLimitStoreProperties(
        @DefaultValue("100ms") @NotNull Duration redisTimeout,
        @DefaultValue("5s") @NotNull Duration redisReconnectPause,
        @DefaultValue("200000") @Positive long maxLocalBuckets) {
}
