package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One {@code chat.completion.chunk} of a streamed completion. The last chunk of a stream that asked for usage has
 * {@code choices: []} and carries {@link #usage()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionChunk(
        String id,
        String object,
        long created,
        String model,
        List<Choice> choices,
        Usage usage,
        String systemFingerprint) {

    public static final String OBJECT = "chat.completion.chunk";

    public boolean usageOnly() {
        return choices != null && choices.isEmpty() && usage != null;
    }

    /** {@code finish_reason} and {@code logprobs} are written as null until set, as OpenAI and vLLM do. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(
            int index,
            Delta delta,
            JsonNode logprobs,
            String finishReason,
            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode stopReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delta(String role, String content, List<ToolCall> toolCalls, String reasoningContent) {
    }
}
