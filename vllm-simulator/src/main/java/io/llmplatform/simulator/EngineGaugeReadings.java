package io.llmplatform.simulator;

import io.llmplatform.simulator.engine.RequestScheduler;
import io.llmplatform.simulator.metrics.VllmMetrics;
import io.llmplatform.simulator.model.EngineLifecycle;

/** Where the metrics' gauges read the engine's state. */
record EngineGaugeReadings(RequestScheduler scheduler, EngineLifecycle lifecycle, SimulatorConfig config)
        implements VllmMetrics.EngineGauges {

    @Override
    public int running() {
        return scheduler.running();
    }

    @Override
    public int waiting() {
        return scheduler.waiting();
    }

    @Override
    public long kvCacheCapacityTokens() {
        return config.kvCacheTokens();
    }

    @Override
    public double gpuMemoryUsedBytes() {
        return lifecycle.gpuMemoryUsedBytes();
    }

    @Override
    public double cpuOffloadedBytes() {
        return lifecycle.cpuOffloadedBytes();
    }
}
