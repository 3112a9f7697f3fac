package io.llmplatform.chat.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.support.PlatformException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks model-manager for the route to a model the {@code llm.models.v1} feed does not know (yet), with the caller's
 * token. A name it does not know, or a model-manager that cannot answer, is remembered as unknown for a short while,
 * so a client repeating a typo does not cost a call each time.
 */
@Component
class ModelRouteLookup {

    private static final Logger log = LoggerFactory.getLogger(ModelRouteLookup.class);

    private final ModelManagerClient modelManager;
    private final Cache<String, Optional<ModelAnnouncement>> answers;

    ModelRouteLookup(ModelManagerClient modelManager, ChatProperties properties) {
        this.modelManager = modelManager;
        this.answers = Caffeine.newBuilder().expireAfterWrite(properties.unknownModelMemory()).maximumSize(10_000)
                .build();
    }

    Optional<ModelAnnouncement> route(String model) {
        return answers.get(model, this::ask);
    }

    private Optional<ModelAnnouncement> ask(String model) {
        try {
            return Optional.of(modelManager.route(model));
        } catch (PlatformException failed) {
            if (failed.code() != ErrorCode.MODEL_NOT_FOUND) {
                log.warn("model-manager could not say where '{}' is served: {}", model, failed.getMessage());
            }
            return Optional.empty();
        }
    }
}
