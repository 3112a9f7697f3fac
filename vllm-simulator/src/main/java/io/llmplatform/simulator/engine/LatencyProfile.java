package io.llmplatform.simulator.engine;

import java.time.Duration;

/**
 * How long the simulated model takes. Time to first token is {@code ttftMean ± ttftStdDev} (normal, cut at zero)
 * plus {@code prefillPerToken × prompt tokens}; each further token takes {@code itlMean ± itlStdDev}. Both are
 * multiplied by the load factor {@code 1 + loadSlowdown × running / max-num-seqs} (running counts the request itself,
 * read when the delay is drawn), so a full batch is {@code 1 + loadSlowdown} times slower than an idle engine, as
 * decoding slows with batch size on a GPU. A stall fault is added on top, unscaled.
 */
public record LatencyProfile(
        Duration ttftMean,
        Duration ttftStdDev,
        Duration itlMean,
        Duration itlStdDev,
        Duration prefillPerToken,
        double loadSlowdown) {

    /** No latency at all: tokens are sent as fast as the server can write them. */
    public static final LatencyProfile NONE =
            new LatencyProfile(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    public LatencyProfile {
        for (Duration duration : new Duration[] {ttftMean, ttftStdDev, itlMean, itlStdDev, prefillPerToken}) {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("latencies must be zero or positive");
            }
        }
        if (loadSlowdown < 0) {
            throw new IllegalArgumentException("loadSlowdown cannot be negative, got " + loadSlowdown);
        }
    }

    public static LatencyProfile ofMillis(double ttftMean, double ttftStdDev, double itlMean, double itlStdDev) {
        return new LatencyProfile(millis(ttftMean), millis(ttftStdDev), millis(itlMean), millis(itlStdDev),
                Duration.ZERO, 0);
    }

    public LatencyProfile withPrefillPerToken(Duration perToken) {
        return new LatencyProfile(ttftMean, ttftStdDev, itlMean, itlStdDev, perToken, loadSlowdown);
    }

    public LatencyProfile withLoadSlowdown(double slowdown) {
        return new LatencyProfile(ttftMean, ttftStdDev, itlMean, itlStdDev, prefillPerToken, slowdown);
    }

    public static Duration millis(double millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
