package io.llmplatform.support.models;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.support.kafka.CompactedTopicFeed;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link ModelRoutes} up to date from the compacted {@code llm.models.v1}. DOWN until caught up, so a fresh
 * replica routes by what model-manager announced rather than by stale configuration; UP at once when the topic does
 * not exist yet (model-manager has announced nothing: configuration is all there is).
 */
public final class ModelRoutesFeed extends CompactedTopicFeed {

    private final ModelRoutes routes;
    private final JsonMapper json;

    public ModelRoutesFeed(Map<String, Object> kafkaConsumerConfig, ModelRoutes routes, JsonMapper json) {
        super(Topics.MODELS, kafkaConsumerConfig, true);
        this.routes = routes;
        this.json = json;
    }

    @Override
    protected void apply(String pool, byte[] value) {
        if (value == null) {
            routes.remove(pool);
        } else {
            routes.update(json.readValue(value, ModelAnnouncement.class));
        }
    }
}
