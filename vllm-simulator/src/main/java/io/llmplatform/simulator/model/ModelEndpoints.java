package io.llmplatform.simulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.simulator.http.Replies;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.http.VllmError;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.annotation.JsonNaming;

/** vLLM's model endpoints: the model list, runtime LoRA adapters, and sleep mode. */
public final class ModelEndpoints {

    private final ServedModels models;
    private final EngineLifecycle lifecycle;
    private final SimulatorJson json;
    private final int maxModelLen;
    private volatile JsonNode permission;

    public ModelEndpoints(ServedModels models, EngineLifecycle lifecycle, SimulatorJson json, int maxModelLen) {
        this.models = models;
        this.lifecycle = lifecycle;
        this.json = json;
        this.maxModelLen = maxModelLen;
    }

    /** vLLM's model permission, the same for every card, fields in vLLM's order. */
    private static JsonNode permission(SimulatorJson json, long created) {
        ObjectNode permission = json.mapper().createObjectNode()
                .put("id", "modelperm-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .put("object", "model_permission")
                .put("created", created)
                .put("allow_create_engine", false)
                .put("allow_sampling", true)
                .put("allow_logprobs", true)
                .put("allow_search_indices", false)
                .put("allow_view", true)
                .put("allow_fine_tuning", false)
                .put("organization", "*")
                .putNull("group")
                .put("is_blocking", false);
        return json.mapper().createArrayNode().add(permission);
    }

    public Publisher<Void> list(HttpServerRequest request, HttpServerResponse response) {
        long created = models.createdEpochSeconds();
        if (permission == null) {
            permission = permission(json, created);
        }
        List<ModelList.Model> cards = new ArrayList<>();
        for (String name : models.names()) {
            cards.add(new ModelList.Model(name, "model", created, "vllm", name, null, maxModelLen, permission));
        }
        for (LoraAdapter adapter : models.adapters()) {
            cards.add(new ModelList.Model(adapter.name(), "model", created, "vllm", adapter.path(),
                    adapter.baseModel(), null, permission));
        }
        return Replies.json(response, 200, json.write(ModelList.of(cards)));
    }

    public Publisher<Void> loadLora(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            LoraRequest lora = json.convert(json.readTree(body), LoraRequest.class);
            String message = models.loadAdapter(lora.loraName(), lora.loraPath(),
                    Boolean.TRUE.equals(lora.loadInplace()));
            return Mono.from(Replies.untypedText(response, 200, message));
        });
    }

    public Publisher<Void> unloadLora(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            LoraRequest lora = json.convert(json.readTree(body), LoraRequest.class);
            return Mono.from(Replies.untypedText(response, 200, models.unloadAdapter(lora.loraName())));
        });
    }

    /** {@code POST /sleep?level=1|2}; vLLM answers an empty 200. */
    public Publisher<Void> sleep(HttpServerRequest request, HttpServerResponse response) {
        String level = queryParameter(request.uri(), "level", "1");
        if (!level.equals("1") && !level.equals("2")) {
            throw VllmError.badRequest("level must be 1 or 2, got " + level, "level");
        }
        lifecycle.sleep(Integer.parseInt(level));
        return Replies.empty(response, 200);
    }

    public Publisher<Void> wakeUp(HttpServerRequest request, HttpServerResponse response) {
        lifecycle.wakeUp();
        return Replies.empty(response, 200);
    }

    public Publisher<Void> isSleeping(HttpServerRequest request, HttpServerResponse response) {
        return Replies.json(response, 200, json.write(Map.of("is_sleeping", lifecycle.sleeping())));
    }

    static String queryParameter(String uri, String name, String fallback) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return fallback;
        }
        for (String pair : uri.substring(query + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length == 2 ? parts[1] : "";
            }
        }
        return fallback;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoraRequest(String loraName, String loraPath, Boolean loadInplace) {
    }
}
