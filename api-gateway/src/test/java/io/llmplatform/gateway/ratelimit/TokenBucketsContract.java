package io.llmplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.ConsumptionProbe;
import io.llmplatform.gateway.routing.RoutingProperties.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every bucket store does, in memory or in Redis. */
abstract class TokenBucketsContract {

    static final RateLimit TEN_PER_MINUTE = new RateLimit(10, Duration.ofMinutes(1));
    static final long SIX_SECONDS = Duration.ofSeconds(6).toNanos();
    static final long ONE_MINUTE = Duration.ofMinutes(1).toNanos();

    abstract TokenBuckets buckets();

    @Test
    void allowsTheWholeLimitAtOnceThenRefuses() {
        String key = UUID.randomUUID().toString();
        List<ConsumptionProbe> decisions = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            decisions.add(buckets().tryConsume(key, TEN_PER_MINUTE).block());
        }

        assertThat(decisions.subList(0, 10)).allMatch(ConsumptionProbe::isConsumed);
        assertThat(decisions.subList(0, 10)).extracting(ConsumptionProbe::getRemainingTokens)
                .containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
        ConsumptionProbe refused = decisions.get(10);
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getRemainingTokens()).isZero();
        assertThat(refused.getNanosToWaitForRefill()).as("one token refills in six seconds")
                .isBetween(1L, SIX_SECONDS);
        assertThat(refused.getNanosToWaitForReset()).isBetween(ONE_MINUTE - SIX_SECONDS, ONE_MINUTE);
    }

    @Test
    void aFreshBucketIsFull() {
        ConsumptionProbe first = buckets().tryConsume(UUID.randomUUID().toString(), TEN_PER_MINUTE).block();

        assertThat(first.isConsumed()).isTrue();
        assertThat(first.getRemainingTokens()).isEqualTo(9);
        assertThat(first.getNanosToWaitForReset()).isBetween(1L, SIX_SECONDS);
    }

    @Test
    void keysHaveSeparateBuckets() {
        String busy = UUID.randomUUID().toString();
        for (int i = 0; i < 10; i++) {
            buckets().tryConsume(busy, TEN_PER_MINUTE).block();
        }

        assertThat(buckets().tryConsume(busy, TEN_PER_MINUTE).block().isConsumed()).isFalse();
        assertThat(buckets().tryConsume(UUID.randomUUID().toString(), TEN_PER_MINUTE).block().isConsumed()).isTrue();
    }
}
