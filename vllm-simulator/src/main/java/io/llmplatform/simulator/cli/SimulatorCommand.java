package io.llmplatform.simulator.cli;

import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.engine.LatencyProfile;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.simulator.generation.ContentMode;
import io.llmplatform.simulator.http.SimulatorJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/** {@code java -jar vllm-simulator.jar [flags]}: runs the simulator until the process is stopped. */
@Command(name = "vllm-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A vLLM-compatible OpenAI server that needs no GPU.%n"
                + "Every flag can also be set as SIMULATOR_<FLAG>, e.g. SIMULATOR_MAX_NUM_SEQS=64.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "8000", description = "Port; 0 picks a free one (${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--io-threads", defaultValue = "0", description = "Event-loop threads; 0 = one per CPU.")
    int ioThreads;
    @Option(names = {"--served-model-name", "--model"}, split = ",", defaultValue = "vllm-simulator",
            description = "Model names served; the first is the one responses carry (${DEFAULT-VALUE}).")
    List<String> servedModels;
    @Option(names = "--max-model-len", defaultValue = "8192", description = "Context window in tokens.")
    int maxModelLen;
    @Option(names = "--max-num-seqs", defaultValue = "256", description = "Requests running at once.")
    int maxNumSeqs;
    @Option(names = "--max-waiting-requests", defaultValue = "1024", description = "Queue size; beyond it, 503.")
    int maxWaitingRequests;
    @Option(names = "--content", defaultValue = "random", description = "echo or random (${DEFAULT-VALUE}).")
    ContentMode content;
    @Option(names = "--mean-output-tokens", defaultValue = "64", description = "Mean length of random answers.")
    int meanOutputTokens;
    @Option(names = "--ttft-ms", defaultValue = "0", description = "Mean time to first token.")
    double ttftMs;
    @Option(names = "--ttft-stddev-ms", defaultValue = "0", description = "Standard deviation of it.")
    double ttftStdDevMs;
    @Option(names = "--itl-ms", defaultValue = "0", description = "Mean inter-token latency.")
    double itlMs;
    @Option(names = "--itl-stddev-ms", defaultValue = "0", description = "Standard deviation of it.")
    double itlStdDevMs;
    @Option(names = "--prefill-ms-per-token", defaultValue = "0", description = "Added to TTFT per prompt token.")
    double prefillMsPerToken;
    @Option(names = "--load-slowdown", defaultValue = "1",
            description = "Latency x (1 + this x running / max-num-seqs) (${DEFAULT-VALUE}).")
    double loadSlowdown;
    @Option(names = "--embedding-dimension", defaultValue = "384", description = "Size of simulated embeddings.")
    int embeddingDimension;
    @Option(names = "--startup-delay-ms", defaultValue = "0", description = "/health is 503 for this long.")
    long startupDelayMs;
    @Option(names = "--enable-sleep-mode", defaultValue = "false",
            description = "Serve /sleep, /wake_up, /is_sleeping.")
    boolean enableSleepMode;
    @Option(names = "--recorded-requests", defaultValue = "100", description = "Requests kept for /admin/requests.")
    int recordedRequests;
    @Option(names = "--error-rate", defaultValue = "0", description = "Share of requests failing at once (0-1).")
    double errorRate;
    @Option(names = "--error-statuses", split = ",", defaultValue = "500", description = "Statuses they fail with.")
    List<Integer> errorStatuses;
    @Option(names = "--stall-ms", defaultValue = "0", description = "Extra wait before every first token.")
    long stallMs;
    @Option(names = "--drop-after-chunks", defaultValue = "0", description = "Drop streams after N events; 0 = off.")
    int dropAfterChunks;
    @Option(names = "--not-ready-ms", defaultValue = "0", description = "Not ready (503) for this long after start.")
    long notReadyMs;
    @Option(names = "--vllm-version", defaultValue = "0.11.0", description = "What /version reports.")
    String vllmVersion;
    @Option(names = "--kv-cache-tokens", defaultValue = "262144", description = "Simulated KV cache size in tokens.")
    long kvCacheTokens;
    @Option(names = "--gpu-memory-gib", defaultValue = "80", description = "Simulated GPU memory.")
    double gpuMemoryGib;
    @Option(names = "--weights-gib", defaultValue = "15", description = "Simulated size of the model weights.")
    double weightsGib;
    @Option(names = "--gpus", defaultValue = "", description = "Simulated GPUs, NAME:COUNT[:MEMORY_GIB],..., e.g. "
            + "\"NVIDIA A100-SXM4-80GB:2\", exposed on /metrics as DCGM exporter metrics.")
    String gpus;

    public static void main(String[] args) {
        // Start-up is mostly class loading: Jackson's and Netty's load on other threads while the flags are read.
        SimulatorJson.preloadInBackground();
        Thread.ofPlatform().daemon().name("vllm-simulator-netty-preload").start(() -> {
            LoopResources.hasNativeSupport();
            HttpServer.create().configuration();
        });
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    static CommandLine commandLine(Map<String, String> environment) {
        return new CommandLine(new SimulatorCommand())
                .setDefaultValueProvider(new EnvironmentDefaults(environment))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    SimulatorConfig config() {
        return SimulatorConfig.builder()
                .host(host).port(port).ioThreads(ioThreads)
                .servedModels(servedModels).maxModelLen(maxModelLen)
                .maxNumSeqs(maxNumSeqs).maxWaitingRequests(maxWaitingRequests)
                .contentMode(content)
                .meanOutputTokens(meanOutputTokens)
                .latency(LatencyProfile.ofMillis(ttftMs, ttftStdDevMs, itlMs, itlStdDevMs)
                        .withPrefillPerToken(LatencyProfile.millis(prefillMsPerToken))
                        .withLoadSlowdown(loadSlowdown))
                .embeddingDimension(embeddingDimension)
                .startupDelay(Duration.ofMillis(startupDelayMs))
                .enableSleepMode(enableSleepMode)
                .recordedRequests(recordedRequests)
                .faults(new FaultSettings(errorRate, errorStatuses, stallMs, dropAfterChunks, notReadyMs))
                .vllmVersion(vllmVersion).kvCacheTokens(kvCacheTokens)
                .gpuMemoryGib(gpuMemoryGib).weightsGib(weightsGib)
                .gpus(gpus)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        VllmSimulator simulator = VllmSimulator.start(config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "vllm-simulator-shutdown"));
        System.out.printf("vllm-simulator listening on http://%s:%d serving %s%n", host, simulator.port(),
                servedModels);
        stopped.await();
        return 0;
    }
}
