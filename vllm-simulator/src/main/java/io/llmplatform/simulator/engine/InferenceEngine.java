package io.llmplatform.simulator.engine;

import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.generation.Completion;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.metrics.VllmMetrics;
import io.netty.channel.Channel;
import java.util.List;
import java.util.function.Function;

/** Admits planned completions to the batch and plays them out in time; see {@link GenerationRun}. */
public final class InferenceEngine {

    final RequestScheduler scheduler;
    final LatencyModel latency;
    final VllmMetrics metrics;
    final ActiveRequests active;

    public InferenceEngine(RequestScheduler scheduler, LatencyModel latency, VllmMetrics metrics,
            ActiveRequests active) {
        this.scheduler = scheduler;
        this.latency = latency;
        this.metrics = metrics;
        this.active = active;
    }

    /**
     * Queues or starts a request whose tokens go to the output {@code outputFor} makes. Throws a 503
     * {@link VllmError} at once when the waiting queue is full.
     */
    public GenerationRun submit(Channel channel, List<Completion> completions, int promptTokens, RequestFault fault,
            Function<GenerationRun, TokenOutput> outputFor) {
        GenerationRun run = new GenerationRun(this, channel, completions, promptTokens, fault, System.nanoTime());
        run.attach(outputFor.apply(run));
        active.add(run);
        try {
            run.enterScheduler();
        } catch (RuntimeException refused) {
            active.remove(run);
            throw refused;
        }
        run.watchConnection();
        return run;
    }

    public RequestScheduler scheduler() {
        return scheduler;
    }

    public ActiveRequests activeRequests() {
        return active;
    }
}
