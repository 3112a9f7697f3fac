package io.llmplatform.embedding.model;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The embedding models this service serves, by the names clients use. A request naming none gets the default. */
public final class EmbeddingModels {

    private final Map<String, ServedEmbeddingModel> byName = new LinkedHashMap<>();
    private final ServedEmbeddingModel defaultModel;

    public EmbeddingModels(List<ServedEmbeddingModel> models, String defaultModel) {
        models.forEach(model -> {
            if (byName.putIfAbsent(model.name(), model) != null) {
                throw new IllegalStateException("two embedding models are named '" + model.name() + "'");
            }
        });
        this.defaultModel = byName.get(defaultModel);
        if (this.defaultModel == null) {
            throw new IllegalStateException("platform.embedding.default-model '" + defaultModel
                    + "' is none of the embedding models served: " + byName.keySet());
        }
    }

    public ServedEmbeddingModel resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultModel;
        }
        ServedEmbeddingModel model = byName.get(requested);
        if (model == null) {
            throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + requested + "' does not exist; "
                    + "embedding models served here: " + String.join(", ", byName.keySet()), "model");
        }
        return model;
    }

    /** Whether {@code name} is one of them. */
    public boolean serves(String name) {
        return byName.containsKey(name);
    }

    public ServedEmbeddingModel defaultModel() {
        return defaultModel;
    }

    public List<ServedEmbeddingModel> all() {
        return List.copyOf(byName.values());
    }
}
