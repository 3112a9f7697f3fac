package io.llmplatform.models.listing;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.pool.ModelPool;
import io.llmplatform.models.pool.PoolRegistry;
import io.llmplatform.support.PlatformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code GET /v1/models}: every model the platform serves now, in OpenAI's shape with vLLM's {@code root} and
 * {@code max_model_len}: the pools' models that are ready, then embedding-service's. When embedding-service cannot
 * answer, the list has what model-manager knows, and the gap is logged and counted; the listing never fails for it.
 */
@Service
class ModelListing {

    private static final Logger log = LoggerFactory.getLogger(ModelListing.class);

    private final PoolRegistry pools;
    private final EmbeddingServiceClient embeddings;
    private final String ownedBy;
    private final Counter degraded;

    ModelListing(PoolRegistry pools, EmbeddingServiceClient embeddings, ModelManagerProperties properties,
            MeterRegistry meters) {
        this.pools = pools;
        this.embeddings = embeddings;
        this.ownedBy = properties.ownedBy();
        this.degraded = Counter.builder("platform.models.listing.degraded").tag("source", "embedding-service")
                .description("Model listings answered without embedding-service's models").register(meters);
    }

    ModelList all() {
        Map<String, ModelList.Model> models = new LinkedHashMap<>();
        for (ModelPool pool : pools.all()) {
            if (pool.known() && pool.state() == ModelState.READY) {
                models.putIfAbsent(pool.servedModelName(), new ModelList.Model(pool.servedModelName(), "model",
                        pool.updatedAt().getEpochSecond(), ownedBy, pool.model(), null, pool.maxModelLen(), null));
            }
        }
        for (ModelList.Model model : embeddingModels()) {
            models.putIfAbsent(model.id(), model);
        }
        return ModelList.of(new ArrayList<>(models.values()));
    }

    ModelList.Model one(String id) {
        return all().data().stream().filter(model -> model.id().equals(id)).findFirst().orElseThrow(() ->
                new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + id + "' does not exist", "model"));
    }

    private List<ModelList.Model> embeddingModels() {
        try {
            ModelList list = embeddings.embeddingModels();
            return list == null || list.data() == null ? List.of() : list.data();
        } catch (PlatformException unavailable) {
            degraded.increment();
            log.warn("Listing models without embedding-service's: {} ({})", unavailable.getMessage(),
                    unavailable.code().code());
            return List.of();
        }
    }
}
