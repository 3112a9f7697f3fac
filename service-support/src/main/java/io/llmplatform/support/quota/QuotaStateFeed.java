package io.llmplatform.support.quota;

import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.support.kafka.CompactedTopicFeed;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the whole compacted quota topic into {@link QuotaLimits}, then follows it. DOWN until caught up, so a fresh
 * replica does not admit calls on default limits.
 */
public final class QuotaStateFeed extends CompactedTopicFeed {

    private final QuotaLimits limits;
    private final JsonMapper json;

    public QuotaStateFeed(Map<String, Object> kafkaConsumerConfig, QuotaLimits limits, JsonMapper json) {
        super(Topics.QUOTA, kafkaConsumerConfig, false);
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected void apply(String key, byte[] value) {
        if (value != null) {
            limits.update(json.readValue(value, QuotaState.class));
        }
    }
}
