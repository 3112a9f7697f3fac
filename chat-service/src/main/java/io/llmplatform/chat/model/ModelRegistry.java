package io.llmplatform.chat.model;

import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which server serves which model, from configuration. A request naming no model, or {@code current}, gets the
 * default. (model-manager-service will announce these instead.)
 */
@Component
public class ModelRegistry {

    public static final String CURRENT = "current";

    private final Map<String, ModelEndpoint> byName;
    private final ModelEndpoint defaultModel;

    ModelRegistry(ChatProperties properties) {
        this.byName = properties.models().stream()
                .map(model -> new ModelEndpoint(model.name(), model.baseUrl(), model.upstreamModel(),
                        model.contextTokens(), model.apiKey()))
                .collect(Collectors.toUnmodifiableMap(ModelEndpoint::name, Function.identity()));
        this.defaultModel = byName.get(properties.defaultModel());
        if (defaultModel == null) {
            throw new IllegalStateException("platform.chat.default-model '" + properties.defaultModel()
                    + "' is not one of platform.chat.models " + byName.keySet());
        }
    }

    public ModelEndpoint resolve(String requested) {
        if (requested == null || requested.isBlank() || CURRENT.equals(requested)) {
            return defaultModel;
        }
        ModelEndpoint endpoint = byName.get(requested);
        if (endpoint == null) {
            throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + requested + "' does not exist",
                    "model");
        }
        return endpoint;
    }
}
