package io.llmplatform.chat.model;

import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.models.ModelRoutes;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which server serves which model. What model-manager announced on {@code llm.models.v1} comes first: a configured
 * name that stands for a pool follows whatever the pool serves now, and any model a pool serves is found by its
 * name (only chat pools answer for a name). The configured list is the fallback while nothing was announced; a name
 * neither knows is asked of model-manager before it is 404 {@code model_not_found}. A pool that is switching answers
 * 503 {@code model_loading} with {@code Retry-After}. A request naming no model, or {@code current}, gets the
 * default.
 */
@Component
public class ModelRegistry {

    public static final String CURRENT = "current";

    private final Map<String, ChatProperties.Model> configured;
    private final String defaultModel;
    private final ModelRoutes routes;
    private final ModelRouteLookup lookup;

    ModelRegistry(ChatProperties properties, ModelRoutes routes, ModelRouteLookup lookup) {
        this.configured = properties.models().stream()
                .collect(Collectors.toUnmodifiableMap(ChatProperties.Model::name, Function.identity()));
        this.defaultModel = properties.defaultModel();
        this.routes = routes;
        this.lookup = lookup;
        if (!configured.containsKey(defaultModel)) {
            throw new IllegalStateException("platform.chat.default-model '" + defaultModel
                    + "' is not one of platform.chat.models " + configured.keySet());
        }
    }

    public ModelEndpoint resolve(String requested) {
        String name = requested == null || requested.isBlank() || CURRENT.equals(requested) ? defaultModel
                : requested;
        ChatProperties.Model fallback = configured.get(name);
        Optional<ModelAnnouncement> announced = routes.route(name, fallback != null ? fallback.pool() : null,
                ModelTask.CHAT);
        if (announced.isPresent()) {
            return endpoint(name, announced.get(), fallback);
        }
        if (fallback != null) {
            return new ModelEndpoint(name, fallback.baseUrl(), fallback.upstreamModel(), fallback.contextTokens(),
                    fallback.apiKey());
        }
        return lookup.route(name).map(route -> endpoint(name, route, null)).orElseThrow(() ->
                new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + name + "' does not exist", "model"));
    }

    private ModelEndpoint endpoint(String name, ModelAnnouncement announced, ChatProperties.Model fallback) {
        ModelAnnouncement pool = ModelRoutes.requireServing(announced, name);
        ChatProperties.Model keys = fallback != null ? fallback : configured.get(defaultModel);
        int context = pool.maxModelLen() != null ? pool.maxModelLen()
                : fallback != null ? fallback.contextTokens() : keys.contextTokens();
        return new ModelEndpoint(name, URI.create(pool.baseUrl()), pool.servedModelName(), context, keys.apiKey());
    }
}
