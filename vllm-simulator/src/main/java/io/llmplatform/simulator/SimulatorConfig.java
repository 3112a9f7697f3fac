package io.llmplatform.simulator;

import io.llmplatform.contracts.models.GpuDeclaration;
import io.llmplatform.contracts.models.GpuDevice;
import io.llmplatform.simulator.engine.LatencyProfile;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.simulator.generation.ContentMode;
import java.time.Duration;
import java.util.List;

/**
 * Everything the simulator can be told at start. {@link #builder()} starts from the defaults: port 8000, one model
 * named {@code vllm-simulator}, random content, no latency, no faults.
 *
 * @param port 0 picks a free port
 * @param ioThreads event-loop threads; 0 means one per CPU
 * @param servedModels model names; the first is the one responses and metrics carry
 * @param maxNumSeqs requests that run at once; more wait
 * @param maxWaitingRequests requests that may wait; more are refused with 503
 * @param meanOutputTokens average length of a random completion that ends by itself
 * @param startupDelay {@code /health} answers 503, and requests are refused, for this long after start
 * @param enableSleepMode serves {@code /sleep}, {@code /wake_up} and {@code /is_sleeping}
 * @param recordedRequests how many received requests to keep for {@code receivedRequests()}; 0 keeps none
 * @param kvCacheTokens tokens the simulated KV cache holds, for {@code vllm:kv_cache_usage_perc}
 * @param gpus simulated GPUs as {@code NAME:COUNT[:MEMORY_GIB],...} (see {@link GpuDeclaration}), exposed on
 *     {@code /metrics} as a DCGM exporter would; empty for none
 */
public record SimulatorConfig(
        String host,
        int port,
        int ioThreads,
        List<String> servedModels,
        int maxModelLen,
        int maxNumSeqs,
        int maxWaitingRequests,
        ContentMode contentMode,
        int meanOutputTokens,
        LatencyProfile latency,
        int embeddingDimension,
        Duration startupDelay,
        boolean enableSleepMode,
        int recordedRequests,
        FaultSettings faults,
        String vllmVersion,
        long kvCacheTokens,
        double gpuMemoryGib,
        double weightsGib,
        String gpus) {

    public SimulatorConfig {
        servedModels = List.copyOf(servedModels);
        if (servedModels.isEmpty()) {
            throw new IllegalArgumentException("at least one served model name is needed");
        }
        requireAtLeast("maxModelLen", maxModelLen, 1);
        requireAtLeast("maxNumSeqs", maxNumSeqs, 1);
        requireAtLeast("maxWaitingRequests", maxWaitingRequests, 0);
        requireAtLeast("meanOutputTokens", meanOutputTokens, 1);
        requireAtLeast("embeddingDimension", embeddingDimension, 1);
        requireAtLeast("recordedRequests", recordedRequests, 0);
        requireAtLeast("ioThreads", ioThreads, 0);
        if (port < 0 || port > 65535 || kvCacheTokens < 1 || startupDelay.isNegative()) {
            throw new IllegalArgumentException("port, kvCacheTokens or startupDelay is out of range");
        }
        gpus = gpus == null ? "" : gpus.trim();
        GpuDeclaration.parseAll(gpus);
    }

    /** The simulated GPUs, numbered from 0. */
    public List<GpuDevice> gpuDevices() {
        return GpuDeclaration.devices(gpus);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
    }

    /** Sets only what differs from the defaults. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8000;
        private int ioThreads;
        private List<String> servedModels = List.of("vllm-simulator");
        private int maxModelLen = 8192;
        private int maxNumSeqs = 256;
        private int maxWaitingRequests = 1024;
        private ContentMode contentMode = ContentMode.RANDOM;
        private int meanOutputTokens = 64;
        private LatencyProfile latency = LatencyProfile.NONE;
        private int embeddingDimension = 384;
        private Duration startupDelay = Duration.ZERO;
        private boolean enableSleepMode;
        private int recordedRequests = 100;
        private FaultSettings faults = FaultSettings.NONE;
        private String vllmVersion = "0.11.0";
        private long kvCacheTokens = 262_144;
        private double gpuMemoryGib = 80;
        private double weightsGib = 15;
        private String gpus = "";

        private Builder() {
        }

        private Builder(SimulatorConfig config) {
            host = config.host;
            port = config.port;
            ioThreads = config.ioThreads;
            servedModels = config.servedModels;
            maxModelLen = config.maxModelLen;
            maxNumSeqs = config.maxNumSeqs;
            maxWaitingRequests = config.maxWaitingRequests;
            contentMode = config.contentMode;
            meanOutputTokens = config.meanOutputTokens;
            latency = config.latency;
            embeddingDimension = config.embeddingDimension;
            startupDelay = config.startupDelay;
            enableSleepMode = config.enableSleepMode;
            recordedRequests = config.recordedRequests;
            faults = config.faults;
            vllmVersion = config.vllmVersion;
            kvCacheTokens = config.kvCacheTokens;
            gpuMemoryGib = config.gpuMemoryGib;
            weightsGib = config.weightsGib;
            gpus = config.gpus;
        }

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder ioThreads(int value) { ioThreads = value; return this; }
        public Builder servedModels(List<String> value) { servedModels = value; return this; }
        public Builder servedModels(String... value) { servedModels = List.of(value); return this; }
        public Builder maxModelLen(int value) { maxModelLen = value; return this; }
        public Builder maxNumSeqs(int value) { maxNumSeqs = value; return this; }
        public Builder maxWaitingRequests(int value) { maxWaitingRequests = value; return this; }
        public Builder contentMode(ContentMode value) { contentMode = value; return this; }
        public Builder meanOutputTokens(int value) { meanOutputTokens = value; return this; }
        public Builder latency(LatencyProfile value) { latency = value; return this; }
        public Builder embeddingDimension(int value) { embeddingDimension = value; return this; }
        public Builder startupDelay(Duration value) { startupDelay = value; return this; }
        public Builder enableSleepMode(boolean value) { enableSleepMode = value; return this; }
        public Builder recordedRequests(int value) { recordedRequests = value; return this; }
        public Builder faults(FaultSettings value) { faults = value; return this; }
        public Builder vllmVersion(String value) { vllmVersion = value; return this; }
        public Builder kvCacheTokens(long value) { kvCacheTokens = value; return this; }
        public Builder gpuMemoryGib(double value) { gpuMemoryGib = value; return this; }
        public Builder weightsGib(double value) { weightsGib = value; return this; }
        public Builder gpus(String value) { gpus = value; return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, ioThreads, servedModels, maxModelLen, maxNumSeqs,
                    maxWaitingRequests, contentMode, meanOutputTokens, latency, embeddingDimension, startupDelay,
                    enableSleepMode, recordedRequests, faults, vllmVersion, kvCacheTokens, gpuMemoryGib, weightsGib,
                    gpus);
        }
    }
}
