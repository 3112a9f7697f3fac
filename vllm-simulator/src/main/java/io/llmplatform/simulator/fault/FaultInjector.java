package io.llmplatform.simulator.fault;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/** Holds the current {@link FaultSettings} and decides, per request, which faults apply. */
public final class FaultInjector {

    private final Clock clock;
    private final RandomGenerator random;
    private volatile FaultSettings settings = FaultSettings.NONE;
    private volatile Instant notReadyUntil = Instant.MIN;

    public FaultInjector(FaultSettings initial, Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        apply(initial);
    }

    public FaultSettings settings() {
        return settings;
    }

    /** Replaces the settings; a not-ready period starts now. */
    public synchronized void apply(FaultSettings newSettings) {
        this.settings = newSettings;
        this.notReadyUntil = newSettings.notReadyMs() > 0 ? clock.instant().plusMillis(newSettings.notReadyMs())
                : Instant.MIN;
    }

    public boolean notReady() {
        return clock.instant().isBefore(notReadyUntil);
    }

    /** The global faults drawn for one request, combined with those its header asks for. */
    public RequestFault decide(String header) {
        FaultSettings current = settings;
        int status = 0;
        if (current.errorRate() > 0 && random.nextDouble() < current.errorRate()) {
            List<Integer> statuses = current.errorStatuses();
            status = statuses.get(random.nextInt(statuses.size()));
        }
        RequestFault global = new RequestFault(status, current.stallMs(), current.dropAfterChunks());
        return header == null || header.isBlank() ? global : RequestFault.parse(header).combine(global);
    }
}
