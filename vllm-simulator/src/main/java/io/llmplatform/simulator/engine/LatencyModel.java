package io.llmplatform.simulator.engine;

import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/** Draws the delays of {@link LatencyProfile} for the current load. */
public final class LatencyModel {

    private final LatencyProfile profile;
    private final IntSupplier runningRequests;
    private final int maxNumSeqs;
    private final RandomGenerator random;
    private final boolean instant;

    public LatencyModel(LatencyProfile profile, IntSupplier runningRequests, int maxNumSeqs, RandomGenerator random) {
        this.profile = profile;
        this.runningRequests = runningRequests;
        this.maxNumSeqs = maxNumSeqs;
        this.random = random;
        this.instant = profile.ttftMean().isZero() && profile.ttftStdDev().isZero() && profile.itlMean().isZero()
                && profile.itlStdDev().isZero() && profile.prefillPerToken().isZero();
    }

    /** True when every delay is zero, so that a completion can be sent without any timer. */
    public boolean instant() {
        return instant;
    }

    public double loadFactor() {
        return 1 + profile.loadSlowdown() * runningRequests.getAsInt() / maxNumSeqs;
    }

    public long timeToFirstTokenNanos(int promptTokens) {
        if (instant) {
            return 0;
        }
        long prefill = profile.prefillPerToken().toNanos() * promptTokens;
        return Math.round((sample(profile.ttftMean().toNanos(), profile.ttftStdDev().toNanos()) + prefill)
                * loadFactor());
    }

    public long interTokenNanos() {
        if (instant) {
            return 0;
        }
        return Math.round(sample(profile.itlMean().toNanos(), profile.itlStdDev().toNanos()) * loadFactor());
    }

    private double sample(long mean, long stdDev) {
        return stdDev == 0 ? mean : Math.max(0, mean + stdDev * random.nextGaussian());
    }
}
