package io.llmplatform.support.quota;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Whether the shared quota store answers; in the in-process mode there is nothing to reach. */
final class QuotaStoreHealthIndicator extends AbstractHealthIndicator {

    private final StringRedisTemplate redis;

    QuotaStoreHealthIndicator(StringRedisTemplate redis) {
        super("The quota store (Redis) is unreachable");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (redis == null) {
            builder.up().withDetail("store", "in-process");
            return;
        }
        String pong = redis.execute(connection -> connection.ping(), true);
        builder.status("PONG".equalsIgnoreCase(pong) ? "UP" : "DOWN").withDetail("store", "redis");
    }
}
