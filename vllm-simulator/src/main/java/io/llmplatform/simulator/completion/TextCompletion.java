package io.llmplatform.simulator.completion;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmplatform.contracts.openai.Usage;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A {@code text_completion} of {@code POST /v1/completions}, whole or as a stream chunk, in vLLM's shape. Not in
 * shared-contracts because only the simulator speaks the legacy completions API.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record TextCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    static final String OBJECT = "text_completion";

    /** {@code logprobs}, {@code finish_reason} and {@code stop_reason} are written as null until set, as vLLM does. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Choice(int index, String text, JsonNode logprobs, String finishReason, JsonNode stopReason) {
    }
}
