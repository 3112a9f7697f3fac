package io.llmplatform.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

    private final AtomicInteger running = new AtomicInteger();

    @Test
    void zeroProfileIsInstant() {
        LatencyModel model = new LatencyModel(LatencyProfile.NONE, running::get, 8, new SplittableRandom(1));

        assertThat(model.instant()).isTrue();
        assertThat(model.timeToFirstTokenNanos(1000)).isZero();
        assertThat(model.interTokenNanos()).isZero();
    }

    @Test
    void latencyStretchesLinearlyWithTheShareOfTheBatchInUse() {
        LatencyProfile profile = LatencyProfile.ofMillis(100, 0, 10, 0).withLoadSlowdown(1.0);
        LatencyModel model = new LatencyModel(profile, running::get, 8, new SplittableRandom(1));

        running.set(0);
        long idle = model.interTokenNanos();
        running.set(4);
        long half = model.interTokenNanos();
        running.set(8);
        long full = model.interTokenNanos();

        assertThat(idle).isEqualTo(10_000_000);
        assertThat(half).isEqualTo(15_000_000);
        assertThat(full).isEqualTo(20_000_000);
        assertThat(model.timeToFirstTokenNanos(0)).isEqualTo(200_000_000);
    }

    @Test
    void prefillAddsTimePerPromptToken() {
        LatencyProfile profile = LatencyProfile.ofMillis(20, 0, 0, 0).withPrefillPerToken(Duration.ofNanos(50_000));
        LatencyModel model = new LatencyModel(profile, running::get, 8, new SplittableRandom(1));

        assertThat(model.timeToFirstTokenNanos(1000)).isEqualTo(20_000_000 + 50_000_000);
    }

    @Test
    void sampledDelaysHaveTheConfiguredMeanAndSpreadAndAreNeverNegative() {
        LatencyProfile profile = LatencyProfile.ofMillis(30, 10, 3, 1);
        LatencyModel model = new LatencyModel(profile, running::get, 8, new SplittableRandom(42));

        double[] samples = new double[20_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = model.interTokenNanos() / 1e6;
        }

        double mean = Arrays.stream(samples).average().orElseThrow();
        double variance = Arrays.stream(samples).map(s -> (s - mean) * (s - mean)).average().orElseThrow();
        assertThat(mean).isCloseTo(3.0, offset(0.05));
        assertThat(Math.sqrt(variance)).isCloseTo(1.0, offset(0.05));
        assertThat(Arrays.stream(samples).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }
}
