package io.llmplatform.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.simulator.http.VllmError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestFaultTest {

    @Test
    void readsEachFaultOfTheHeader() {
        assertThat(RequestFault.parse("status=503")).isEqualTo(new RequestFault(503, 0, 0));
        assertThat(RequestFault.parse("stall=2000")).isEqualTo(new RequestFault(0, 2000, 0));
        assertThat(RequestFault.parse("stall=500, drop-after=3")).isEqualTo(new RequestFault(0, 500, 3));
        assertThat(RequestFault.parse("drop-after=5;status=429")).isEqualTo(new RequestFault(429, 0, 5));
    }

    @Test
    void refusesAHeaderItCannotReadWithA400NamingTheHeader() {
        for (String header : List.of("status=200", "stall=-1", "explode=1", "status", "drop-after=x")) {
            assertThatThrownBy(() -> RequestFault.parse(header)).isInstanceOfSatisfying(VllmError.class, error -> {
                assertThat(error.status()).isEqualTo(400);
                assertThat(error.param()).isEqualTo(RequestFault.HEADER);
            });
        }
    }

    @Test
    void headerFaultsComeOnTopOfTheGlobalOnes() {
        FaultInjector injector = new FaultInjector(FaultSettings.NONE.withStallMs(100).withDropAfterChunks(9),
                Clock.systemUTC(), new SplittableRandom(1));

        RequestFault fault = injector.decide("stall=50, status=429");

        assertThat(fault).isEqualTo(new RequestFault(429, 150, 9));
    }

    @Test
    void errorRateFailsThatShareOfRequestsWithTheConfiguredStatuses() {
        FaultInjector injector = new FaultInjector(FaultSettings.NONE.withErrorRate(0.3, List.of(429, 503)),
                Clock.systemUTC(), new SplittableRandom(5));

        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            int status = injector.decide(null).status();
            assertThat(status).isIn(0, 429, 503);
            failed += status == 0 ? 0 : 1;
        }

        assertThat(failed).isBetween(2_800, 3_200);
    }

    @Test
    void notReadyLastsTheConfiguredTimeFromWhenItIsApplied() {
        MutableClock clock = new MutableClock();
        FaultInjector injector = new FaultInjector(FaultSettings.NONE.withNotReadyMs(1_000), clock,
                new SplittableRandom(1));

        assertThat(injector.notReady()).isTrue();
        clock.now = clock.now.plusMillis(999);
        assertThat(injector.notReady()).isTrue();
        clock.now = clock.now.plusMillis(1);
        assertThat(injector.notReady()).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
