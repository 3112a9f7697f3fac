package io.llmplatform.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.llmplatform.gateway.routing.RoutingProperties.RateLimit;
import reactor.core.publisher.Mono;

/**
 * Bucket4j token buckets by key: {@code limit} requests per {@code period}, refilled evenly, at most {@code limit}
 * at once.
 */
interface TokenBuckets {

    Mono<ConsumptionProbe> tryConsume(String key, RateLimit limit);

    static BucketConfiguration configurationOf(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidthOf(limit)).build();
    }

    static Bandwidth bandwidthOf(RateLimit limit) {
        return Bandwidth.builder().capacity(limit.limit()).refillGreedy(limit.limit(), limit.period()).build();
    }
}
