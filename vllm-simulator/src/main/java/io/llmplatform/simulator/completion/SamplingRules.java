package io.llmplatform.simulator.completion;

import io.llmplatform.simulator.generation.SamplingParameters;
import io.llmplatform.simulator.http.VllmError;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** vLLM's checks of sampling parameters and of the context window, with its messages. */
final class SamplingRules {

    static final int MAX_CHOICES = 128;

    private SamplingRules() {
    }

    static void checkTemperatureAndTopP(Double temperature, Double topP) {
        if (temperature != null && temperature < 0) {
            throw VllmError.badRequest("temperature must be non-negative, got " + temperature + ".", "temperature");
        }
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw VllmError.badRequest("top_p must be in (0, 1], got " + topP + ".", "top_p");
        }
    }

    static int choices(Integer n) {
        int choices = n == null ? 1 : n;
        if (choices < 1 || choices > MAX_CHOICES) {
            throw VllmError.badRequest("n must be between 1 and " + MAX_CHOICES + ", got " + choices + ".", "n");
        }
        return choices;
    }

    /**
     * The completion budget: the requested {@code max_tokens}, or what the context window leaves. Refuses a prompt
     * that, with the requested tokens, does not fit.
     */
    static int maxTokens(Integer requested, int promptTokens, int maxModelLen) {
        if (requested != null && requested < 1) {
            throw VllmError.badRequest("max_tokens must be at least 1, got " + requested + ".", "max_tokens");
        }
        int asked = requested == null ? 0 : requested;
        if (promptTokens >= maxModelLen || promptTokens + asked > maxModelLen) {
            throw VllmError.contextLengthExceeded(maxModelLen, promptTokens, asked);
        }
        return requested == null ? maxModelLen - promptTokens : requested;
    }

    static SamplingParameters parameters(int maxTokens, List<String> stop, Long seed, int choices,
            Function<String, JsonNode> extra) {
        return new SamplingParameters(maxTokens, stop, seed, flag(extra.apply("ignore_eos")),
                flag(extra.apply("include_stop_str_in_output")), choices);
    }

    private static boolean flag(JsonNode value) {
        return value != null && value.asBoolean(false);
    }
}
