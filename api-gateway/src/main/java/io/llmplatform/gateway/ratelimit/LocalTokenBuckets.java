package io.llmplatform.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.llmplatform.gateway.routing.RoutingProperties.RateLimit;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process: exact for one replica, and what every replica falls back to when Redis does not answer.
 * A bucket untouched for its whole period is full again, so forgetting it then changes nothing.
 */
final class LocalTokenBuckets implements TokenBuckets {

    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    LocalTokenBuckets(TimeMeter time, Duration longestPeriod, long maxBuckets) {
        this.time = time;
        // Upkeep on the calling thread: a hop to the common pool per request costs more than the upkeep.
        this.buckets = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfterAccess(longestPeriod)
                .maximumSize(maxBuckets)
                .build();
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String key, RateLimit limit) {
        return Mono.fromSupplier(() -> bucket(key, limit).tryConsumeAndReturnRemaining(1));
    }

    private Bucket bucket(String key, RateLimit limit) {
        return buckets.get(key, absent -> Bucket.builder()
                .addLimit(TokenBuckets.bandwidthOf(limit))
                .withCustomTimePrecision(time)
                .build());
    }
}
