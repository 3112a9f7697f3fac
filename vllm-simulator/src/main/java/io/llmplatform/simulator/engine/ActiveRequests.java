package io.llmplatform.simulator.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every admitted request that has not finished, so that sleep and a model switch can end them all. */
public final class ActiveRequests {

    private final Set<GenerationRun> runs = ConcurrentHashMap.newKeySet();

    void add(GenerationRun run) {
        runs.add(run);
    }

    void remove(GenerationRun run) {
        runs.remove(run);
    }

    /** Ends every request with {@code finish_reason: abort}, as vLLM's sleep does by default. */
    public void abortAll() {
        List.copyOf(runs).forEach(GenerationRun::abort);
    }

    /** Closes every request's connection, as a server restarting with another model does. */
    public void dropAll() {
        List.copyOf(runs).forEach(GenerationRun::dropConnection);
    }

    public int size() {
        return runs.size();
    }
}
