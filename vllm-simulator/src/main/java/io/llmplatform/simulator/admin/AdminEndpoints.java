package io.llmplatform.simulator.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.llmplatform.simulator.engine.RequestScheduler;
import io.llmplatform.simulator.fault.FaultInjector;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.simulator.fault.ServingGuard;
import io.llmplatform.simulator.http.Replies;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.model.EngineLifecycle;
import io.llmplatform.simulator.model.LoraAdapter;
import io.llmplatform.simulator.model.ServedModels;
import io.llmplatform.simulator.recording.RequestRecorder;
import java.time.Duration;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The simulator's own controls, under {@code /admin} (camelCase JSON): faults, model switches, the recorded requests,
 * and the engine state. Not part of vLLM's API.
 */
public final class AdminEndpoints {

    private final FaultInjector faults;
    private final EngineLifecycle lifecycle;
    private final ServedModels models;
    private final RequestScheduler scheduler;
    private final RequestRecorder recorder;
    private final ServingGuard guard;
    private final SimulatorJson json;

    public AdminEndpoints(FaultInjector faults, EngineLifecycle lifecycle, ServedModels models,
            RequestScheduler scheduler, RequestRecorder recorder, ServingGuard guard, SimulatorJson json) {
        this.faults = faults;
        this.lifecycle = lifecycle;
        this.models = models;
        this.scheduler = scheduler;
        this.recorder = recorder;
        this.guard = guard;
        this.json = json;
    }

    public Publisher<Void> faults(HttpServerRequest request, HttpServerResponse response) {
        return Replies.json(response, 200, json.write(faults.settings()));
    }

    /** Replaces every fault setting; fields left out are off. */
    public Publisher<Void> replaceFaults(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            FaultSettings settings = json.convert(json.readTree(body), FaultSettings.class);
            faults.apply(settings);
            return Mono.from(Replies.json(response, 200, json.write(settings)));
        });
    }

    /** {@code {"model": "name"}} or {@code {"models": [...]}}, with {@code loadTimeMs}: a restart with that model. */
    public Publisher<Void> switchModel(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            ModelSwitch change = json.convert(json.readTree(body), ModelSwitch.class);
            List<String> names = change.models() != null ? change.models()
                    : change.model() != null ? List.of(change.model()) : List.of();
            if (change.loadTimeMs() < 0) {
                throw VllmError.badRequest("loadTimeMs cannot be negative", "loadTimeMs");
            }
            lifecycle.switchModel(names, Duration.ofMillis(change.loadTimeMs()));
            return Mono.from(Replies.json(response, 202, json.write(state())));
        });
    }

    public Publisher<Void> requests(HttpServerRequest request, HttpServerResponse response) {
        return Replies.json(response, 200, json.write(recorder.requests()));
    }

    public Publisher<Void> clearRequests(HttpServerRequest request, HttpServerResponse response) {
        recorder.clear();
        return Replies.empty(response, 204);
    }

    public Publisher<Void> engineState(HttpServerRequest request, HttpServerResponse response) {
        return Replies.json(response, 200, json.write(state()));
    }

    private EngineState state() {
        return new EngineState(models.names(), models.adapters(), guard.ready(), models.loading(),
                lifecycle.sleepLevel(), scheduler.running(), scheduler.waiting());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelSwitch(String model, List<String> models, long loadTimeMs) {
    }

    record EngineState(List<String> models, List<LoraAdapter> loraAdapters, boolean ready, boolean loading,
            int sleepLevel, int running, int waiting) {
    }
}
