package io.llmplatform.models.pool;

/**
 * A model as a pool serves it: the catalog profile it came from (null when the pool served it before model-manager
 * knew it), its weights, the name clients use, its context length, and where it answers.
 */
public record ServedModel(String profileId, String model, String servedModelName, Integer maxModelLen,
        String baseUrl) {
}
