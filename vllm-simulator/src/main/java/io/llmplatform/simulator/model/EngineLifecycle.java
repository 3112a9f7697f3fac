package io.llmplatform.simulator.model;

import io.llmplatform.simulator.engine.ActiveRequests;
import io.llmplatform.simulator.engine.RequestScheduler;
import java.time.Duration;
import java.util.List;

/**
 * Sleep, wake-up and model switches, and what they do to requests and simulated GPU memory. Sleep aborts every
 * request (vLLM's default sleep mode) and holds new ones in the waiting queue until wake-up; level 1 keeps the weights
 * in CPU memory, level 2 discards them; both free the GPU. A switch is a restart: open connections are dropped and
 * the new model loads for the given time.
 */
public final class EngineLifecycle {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double GPU_MEMORY_UTILIZATION = 0.9;

    private final ServedModels models;
    private final RequestScheduler scheduler;
    private final ActiveRequests active;
    private final double gpuMemoryBytes;
    private final double weightsBytes;
    private volatile int sleepLevel;

    public EngineLifecycle(ServedModels models, RequestScheduler scheduler, ActiveRequests active,
            double gpuMemoryGib, double weightsGib) {
        this.models = models;
        this.scheduler = scheduler;
        this.active = active;
        this.gpuMemoryBytes = gpuMemoryGib * GIB;
        this.weightsBytes = weightsGib * GIB;
    }

    public synchronized void sleep(int level) {
        sleepLevel = level;
        scheduler.pause();
        active.abortAll();
    }

    public synchronized void wakeUp() {
        sleepLevel = 0;
        scheduler.resume();
    }

    public boolean sleeping() {
        return sleepLevel > 0;
    }

    public int sleepLevel() {
        return sleepLevel;
    }

    public synchronized void switchModel(List<String> names, Duration loadTime) {
        models.switchTo(names, loadTime);
        active.dropAll();
        wakeUp();
    }

    /** vLLM takes {@code gpu_memory_utilization} (0.9) of the GPU for weights and KV cache while awake. */
    public double gpuMemoryUsedBytes() {
        return gpuMemoryBytes * gpuMemoryShareInUse();
    }

    /** The share of each GPU's memory held: {@code gpu_memory_utilization} while serving, nothing otherwise. */
    public double gpuMemoryShareInUse() {
        return sleeping() || models.loading() ? 0 : GPU_MEMORY_UTILIZATION;
    }

    public double cpuOffloadedBytes() {
        return sleepLevel == 1 ? weightsBytes : 0;
    }
}
