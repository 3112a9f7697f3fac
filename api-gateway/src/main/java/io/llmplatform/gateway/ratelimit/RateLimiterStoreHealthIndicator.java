package io.llmplatform.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Whether the store that shares rate limits between replicas answers. Not part of readiness: without Redis each
 * replica still limits on its own (the limiter fails open to its in-process buckets).
 */
final class RateLimiterStoreHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveStringRedisTemplate redis;

    RateLimiterStoreHealthIndicator(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Health> health() {
        if (redis == null) {
            return Mono.just(Health.up().withDetail("store", "in-process").build());
        }
        return redis.execute(connection -> connection.ping())
                .next()
                .timeout(TIMEOUT)
                .map(pong -> "PONG".equalsIgnoreCase(pong) ? Health.up() : Health.down())
                .onErrorResume(failure -> Mono.just(Health.down().withDetail("fallback", "in-process buckets")))
                .map(health -> health.withDetail("store", "redis").build());
    }
}
