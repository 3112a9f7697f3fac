package io.llmplatform.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;

/**
 * The system clock plus an offset that tests move forward, so that buckets refill, caches expire and JWKS reads
 * become due without waiting. Only ever moves forward, so everything else keeps seeing time pass.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /**
     * Imported by a test, makes one movable clock the application's {@link Clock}. Not a component, so that no
     * application context finds it by scanning.
     */
    public static final class AsTheApplicationClock {

        public static final MovableClock CLOCK = new MovableClock();

        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform's clock is UTC");
    }
}
