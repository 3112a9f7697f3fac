package io.llmplatform.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a model serves: chat completions, embeddings, or reranking. Written in lower case, as vLLM's tasks are. */
public enum ModelTask {
    CHAT,
    EMBED,
    RERANK;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ModelTask of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
