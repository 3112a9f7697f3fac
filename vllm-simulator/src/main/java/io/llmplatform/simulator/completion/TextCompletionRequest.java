package io.llmplatform.simulator.completion;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.llmplatform.contracts.openai.StreamOptions;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/completions}: the parameters the simulator acts on. {@code prompt} is a string, a list of strings,
 * a list of token ids or a list of such lists; {@code max_tokens} defaults to 16, as in vLLM and OpenAI.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record TextCompletionRequest(
        String model,
        JsonNode prompt,
        Integer maxTokens,
        Integer n,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Long seed,
        Double temperature,
        Double topP,
        Boolean stream,
        StreamOptions streamOptions,
        Boolean echo,
        Boolean ignoreEos,
        Boolean includeStopStrInOutput) {

    static final int DEFAULT_MAX_TOKENS = 16;

    /** 16 when absent; null, meaning the rest of the context window, when sent as {@code null}. */
    Integer effectiveMaxTokens(JsonNode tree) {
        return maxTokens != null ? maxTokens : tree.has("max_tokens") ? null : DEFAULT_MAX_TOKENS;
    }

    boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    boolean echoes() {
        return Boolean.TRUE.equals(echo);
    }
}
