package io.llmplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.ConsumptionProbe;
import io.llmplatform.gateway.support.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalTokenBucketsTest extends TokenBucketsContract {

    private final MovableClock clock = new MovableClock();
    private final LocalTokenBuckets buckets = new LocalTokenBuckets(new ClockTimeMeter(clock), Duration.ofMinutes(1),
            1_000);

    @Override
    TokenBuckets buckets() {
        return buckets;
    }

    @Test
    void aTokenComesBackEveryTenthOfThePeriod() {
        for (int i = 0; i < 10; i++) {
            consume("ada");
        }

        clock.advance(Duration.ofSeconds(5));
        ConsumptionProbe tooSoon = consume("ada");
        clock.advance(Duration.ofSeconds(1));
        ConsumptionProbe refilled = consume("ada");
        ConsumptionProbe emptyAgain = consume("ada");

        assertThat(tooSoon.isConsumed()).isFalse();
        assertThat(Duration.ofNanos(tooSoon.getNanosToWaitForRefill())).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(1));
        assertThat(refilled.isConsumed()).isTrue();
        assertThat(refilled.getRemainingTokens()).isZero();
        assertThat(emptyAgain.isConsumed()).isFalse();
    }

    @Test
    void aBucketLeftAloneForItsPeriodIsFullAgain() {
        for (int i = 0; i < 10; i++) {
            consume("grace");
        }

        clock.advance(Duration.ofMinutes(5));
        ConsumptionProbe later = consume("grace");

        assertThat(later.isConsumed()).isTrue();
        assertThat(later.getRemainingTokens()).as("a pause does not bank more than the limit").isEqualTo(9);
    }

    private ConsumptionProbe consume(String key) {
        return buckets.tryConsume(key, TEN_PER_MINUTE).block();
    }
}
