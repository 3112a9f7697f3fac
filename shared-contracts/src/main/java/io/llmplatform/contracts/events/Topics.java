package io.llmplatform.contracts.events;

/** Kafka topics shared between services. The version suffix changes only with an incompatible event schema. */
public final class Topics {

    /** {@link UsageEvent}s keyed by user id; produced by chat and embedding services, consumed by auth-service. */
    public static final String USAGE = "llm.usage.v1";

    /** Usage events that could not be processed, with the failure in the headers. */
    public static final String USAGE_DEAD_LETTER = "llm.usage.v1.dlt";

    /** Compacted: the latest quota state per user, published by auth-service. */
    public static final String QUOTA = "llm.quota.v1";

    /** Which model each vLLM endpoint serves, announced by model-manager-service. */
    public static final String MODELS = "llm.models.v1";

    private Topics() {
    }
}
