package io.llmplatform.simulator.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.llmplatform.contracts.models.GpuDevice;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.Supplier;

/**
 * The metrics vLLM exports, under vLLM's names, labels ({@code model_name}, {@code engine}) and histogram buckets,
 * plus two {@code simulator_*} gauges of the simulated GPU memory and, for simulated GPUs, the DCGM exporter's
 * {@code DCGM_FI_DEV_FB_USED}, {@code DCGM_FI_DEV_FB_FREE} (MiB) and {@code DCGM_FI_DEV_GPU_UTIL} (%) with its
 * labels. Gauges are read from the engine when scraped.
 */
public final class VllmMetrics {

    private static final String ENGINE = "0";
    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
            1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    private static final double[] ITL_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    private static final double[] E2E_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
            40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    private static final String[] FINISHED_REASONS = {"stop", "length", "abort"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer =
            PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();
    private final Supplier<String> modelName;
    private final Counter promptTokens;
    private final Counter generationTokens;
    private final Counter requestSuccess;
    private final Histogram timeToFirstToken;
    private final Histogram interTokenLatency;
    private final Histogram e2eLatency;
    private final LongAdder kvCacheTokens = new LongAdder();
    private volatile Series series;

    /**
     * @param engine where the gauges come from: the engine's state at scrape time
     */
    public VllmMetrics(Supplier<String> modelName, EngineGauges engine) {
        this.modelName = modelName;
        promptTokens = counter("vllm:prompt_tokens", "Number of prefill tokens processed.");
        generationTokens = counter("vllm:generation_tokens", "Number of generation tokens processed.");
        requestSuccess = Counter.builder().name("vllm:request_success")
                .help("Count of successfully processed requests.")
                .labelNames("model_name", "engine", "finished_reason").register(registry);
        timeToFirstToken = histogram("vllm:time_to_first_token_seconds",
                "Histogram of time to first token in seconds.", TTFT_BUCKETS);
        interTokenLatency = histogram("vllm:inter_token_latency_seconds",
                "Histogram of inter-token latency in seconds.", ITL_BUCKETS);
        e2eLatency = histogram("vllm:e2e_request_latency_seconds",
                "Histogram of e2e request latency in seconds.", E2E_BUCKETS);
        gauge("vllm:num_requests_running", "Number of requests in model execution batches.", engine::running);
        gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", engine::waiting);
        gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.",
                () -> Math.min(1.0, kvCacheTokens.sum() / (double) engine.kvCacheCapacityTokens()));
        gauge("simulator_gpu_memory_used_bytes",
                "Simulated GPU memory held by weights and KV cache; 0 while sleeping or loading.",
                engine::gpuMemoryUsedBytes);
        gauge("simulator_cpu_offloaded_weights_bytes",
                "Simulated model weights offloaded to CPU memory by sleep level 1.", engine::cpuOffloadedBytes);
        this.series = new Series(modelName.get());
    }

    /**
     * Exposes {@code gpus} as NVIDIA's DCGM exporter does (one sample per GPU, labelled {@code gpu}, {@code UUID},
     * {@code device}, {@code modelName}, {@code Hostname}), so tools read simulated GPUs exactly as real ones.
     *
     * @param memoryShare the share of each GPU's memory in use now
     * @param utilization the GPUs' busy share now, 0 to 1
     */
    public void exposeGpus(List<GpuDevice> gpus, DoubleSupplier memoryShare, DoubleSupplier utilization) {
        if (gpus.isEmpty()) {
            return;
        }
        dcgmGauge("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", gpus,
                gpu -> Math.round(gpu.memoryTotalMib() * memoryShare.getAsDouble()));
        dcgmGauge("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", gpus,
                gpu -> gpu.memoryTotalMib() - Math.round(gpu.memoryTotalMib() * memoryShare.getAsDouble()));
        dcgmGauge("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", gpus,
                gpu -> Math.round(100 * Math.min(1, utilization.getAsDouble())));
    }

    private void dcgmGauge(String name, String help, List<GpuDevice> gpus, ToDoubleFunction<GpuDevice> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .labelNames("gpu", "UUID", "device", "modelName", "Hostname")
                .callback(callback -> gpus.forEach(gpu -> callback.call(value.applyAsDouble(gpu),
                        Integer.toString(gpu.index()), simulatedUuid(gpu.index()), "nvidia" + gpu.index(), gpu.name(),
                        "vllm-simulator")))
                .register(registry);
    }

    private static String simulatedUuid(int index) {
        return String.format("GPU-00000000-0000-0000-0000-%012d", index);
    }

    /** What the gauges read at scrape time. */
    public interface EngineGauges {
        int running();

        int waiting();

        long kvCacheCapacityTokens();

        double gpuMemoryUsedBytes();

        double cpuOffloadedBytes();
    }

    /** The data points of the currently served model; looked up once per model, not per token. */
    public Series series() {
        Series current = series;
        String name = modelName.get();
        if (!current.modelName.equals(name)) {
            current = new Series(name);
            series = current;
        }
        return current;
    }

    public void holdKvCacheTokens(long tokens) {
        kvCacheTokens.add(tokens);
    }

    public byte[] scrape() {
        series();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).labelNames("model_name", "engine").register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets)
                .labelNames("model_name", "engine").register(registry);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("model_name", "engine")
                .callback(callback -> callback.call(value.getAsDouble(), modelName.get(), ENGINE)).register(registry);
    }

    /** One model's counters and histograms. */
    public final class Series {
        private final String modelName;
        public final CounterDataPoint promptTokens;
        public final CounterDataPoint generationTokens;
        public final DistributionDataPoint timeToFirstToken;
        public final DistributionDataPoint interTokenLatency;
        public final DistributionDataPoint e2eLatency;
        private final CounterDataPoint[] finished = new CounterDataPoint[FINISHED_REASONS.length];

        private Series(String modelName) {
            this.modelName = modelName;
            this.promptTokens = VllmMetrics.this.promptTokens.labelValues(modelName, ENGINE);
            this.generationTokens = VllmMetrics.this.generationTokens.labelValues(modelName, ENGINE);
            this.timeToFirstToken = VllmMetrics.this.timeToFirstToken.labelValues(modelName, ENGINE);
            this.interTokenLatency = VllmMetrics.this.interTokenLatency.labelValues(modelName, ENGINE);
            this.e2eLatency = VllmMetrics.this.e2eLatency.labelValues(modelName, ENGINE);
            for (int i = 0; i < FINISHED_REASONS.length; i++) {
                finished[i] = requestSuccess.labelValues(modelName, ENGINE, FINISHED_REASONS[i]);
            }
        }

        /** Counts a finished request under vLLM's {@code finished_reason}: stop, length or abort. */
        public void finished(String reason) {
            for (int i = 0; i < FINISHED_REASONS.length; i++) {
                if (FINISHED_REASONS[i].equals(reason)) {
                    finished[i].inc();
                    return;
                }
            }
            throw new IllegalArgumentException("unknown finished_reason " + reason);
        }
    }
}
