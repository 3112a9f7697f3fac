package io.llmplatform.simulator;

import io.llmplatform.simulator.admin.AdminEndpoints;
import io.llmplatform.simulator.completion.ChatCompletionEndpoint;
import io.llmplatform.simulator.completion.CompletionServices;
import io.llmplatform.simulator.completion.TextCompletionEndpoint;
import io.llmplatform.simulator.embedding.EmbeddingEndpoint;
import io.llmplatform.simulator.embedding.PoolingServices;
import io.llmplatform.simulator.embedding.RerankEndpoint;
import io.llmplatform.simulator.embedding.SimulatedEmbedder;
import io.llmplatform.simulator.engine.ActiveRequests;
import io.llmplatform.simulator.engine.InferenceEngine;
import io.llmplatform.simulator.engine.LatencyModel;
import io.llmplatform.simulator.engine.RequestScheduler;
import io.llmplatform.simulator.fault.FaultInjector;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.simulator.fault.ServingGuard;
import io.llmplatform.simulator.generation.CompletionPlanner;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.metrics.VllmMetrics;
import io.llmplatform.simulator.model.EngineLifecycle;
import io.llmplatform.simulator.model.HealthEndpoints;
import io.llmplatform.simulator.model.ModelEndpoints;
import io.llmplatform.simulator.model.ServedModels;
import io.llmplatform.simulator.recording.RecordedRequest;
import io.llmplatform.simulator.recording.RequestRecorder;
import io.llmplatform.simulator.tokenizer.ChatTemplate;
import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import io.llmplatform.simulator.tokenizer.TokenizeEndpoints;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A vLLM-compatible OpenAI server that needs no GPU. Start one in a test with
 * {@code VllmSimulator.start(SimulatorConfig.builder().port(0).build())}, point a client at {@link #openAiBaseUrl()},
 * and close it afterwards; or run the jar ({@code java -jar vllm-simulator.jar --help}).
 * <p>
 * Tool calling works as vLLM's does with {@code --enable-auto-tool-choice}: {@code tool_choice} {@code required} or
 * a named function always calls a function, {@code auto} calls the one the last user message names (and answers a
 * tool's result in text), {@code none} never does; arguments are generated from the function's JSON Schema
 * ({@link io.llmplatform.simulator.tools.SchemaValues}) and streamed as argument deltas.
 * <p>
 * Where it departs from vLLM: waiting requests sit in a bounded queue (503 when it is full) where vLLM's is
 * unbounded; token ids come from a deterministic tokenizer, not the model's; no logprobs are produced; a tool call is
 * one per choice (vLLM may make several with {@code required}), and {@code auto} decides by name rather than by
 * what a model would make of the conversation.
 */
public final class VllmSimulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final ServedModels models;
    private final FaultInjector faults;
    private final RequestScheduler scheduler;
    private final EngineLifecycle lifecycle;
    private final RequestRecorder recorder;
    private final VllmMetrics metrics;
    private final LoopResources loops;
    private final DisposableServer server;

    private VllmSimulator(SimulatorConfig config, Clock clock) {
        this.config = config;
        SimulatorJson json = new SimulatorJson();
        json.warmUpInBackground();
        SimulatedTokenizer tokenizer = new SimulatedTokenizer();
        ChatTemplate chatTemplate = new ChatTemplate();
        models = new ServedModels(config.servedModels(), config.startupDelay(), clock);
        faults = new FaultInjector(config.faults(), clock, ThreadLocalRandom.current());
        scheduler = new RequestScheduler(config.maxNumSeqs(), config.maxWaitingRequests());
        ActiveRequests active = new ActiveRequests();
        lifecycle = new EngineLifecycle(models, scheduler, active, config.gpuMemoryGib(), config.weightsGib());
        metrics = new VllmMetrics(models::primary, new EngineGaugeReadings(scheduler, lifecycle, config));
        metrics.exposeGpus(config.gpuDevices(), lifecycle::gpuMemoryShareInUse,
                () -> scheduler.running() / (double) config.maxNumSeqs());
        recorder = new RequestRecorder(config.recordedRequests(), clock);
        ServingGuard guard = new ServingGuard(models, faults);
        InferenceEngine engine = new InferenceEngine(scheduler,
                new LatencyModel(config.latency(), scheduler::running, config.maxNumSeqs(),
                        ThreadLocalRandom.current()),
                metrics, active);
        CompletionServices completions = new CompletionServices(json, guard, recorder, models, tokenizer,
                chatTemplate, new CompletionPlanner(tokenizer, config.contentMode(), config.meanOutputTokens()),
                engine, config.maxModelLen(), clock);

        PoolingServices pooling = new PoolingServices(new SimulatedEmbedder(tokenizer, config.embeddingDimension()),
                tokenizer, models, guard, recorder, json, config.maxModelLen());
        SimulatorRoutes routes = new SimulatorRoutes(json,
                new ChatCompletionEndpoint(completions),
                new TextCompletionEndpoint(completions),
                new EmbeddingEndpoint(pooling),
                new RerankEndpoint(pooling),
                new TokenizeEndpoints(tokenizer, chatTemplate, models, json, config.maxModelLen()),
                new ModelEndpoints(models, lifecycle, json, config.maxModelLen()),
                new HealthEndpoints(guard, metrics, json, config.vllmVersion()),
                new AdminEndpoints(faults, lifecycle, models, scheduler, recorder, guard, json));

        int threads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        loops = LoopResources.create("vllm-simulator", threads, true);
        server = HttpServer.create()
                .host(config.host())
                .port(config.port())
                .runOn(loops)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .handle(routes.router(config.enableSleepMode()))
                .bindNow(Duration.ofSeconds(10));
    }

    public static VllmSimulator start(SimulatorConfig config) {
        return new VllmSimulator(config, Clock.systemUTC());
    }

    /** With a fixed clock, for tests that compare whole responses byte for byte. */
    static VllmSimulator start(SimulatorConfig config, Clock clock) {
        return new VllmSimulator(config, clock);
    }

    public SimulatorConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}: where {@code /health}, {@code /metrics} and {@code /admin} are. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>/v1}: the base URL OpenAI clients take. */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** The completion and embedding requests received, oldest first, up to {@code recordedRequests}. */
    public List<RecordedRequest> receivedRequests() {
        return recorder.requests();
    }

    public void clearReceivedRequests() {
        recorder.clear();
    }

    public int runningRequests() {
        return scheduler.running();
    }

    public int waitingRequests() {
        return scheduler.waiting();
    }

    public FaultSettings faults() {
        return faults.settings();
    }

    public void faults(FaultSettings settings) {
        faults.apply(settings);
    }

    /** The name responses and metrics carry now. */
    public String servedModel() {
        return models.primary();
    }

    /** Restarts with another model: open connections drop, and it is loading for {@code loadTime}. */
    public void switchModel(String model, Duration loadTime) {
        lifecycle.switchModel(List.of(model), loadTime);
    }

    public boolean sleeping() {
        return lifecycle.sleeping();
    }

    /** The {@code /metrics} text, for assertions without an HTTP call. */
    public String metricsText() {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }
}
