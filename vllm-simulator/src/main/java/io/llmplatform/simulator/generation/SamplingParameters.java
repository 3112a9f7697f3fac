package io.llmplatform.simulator.generation;

import java.util.List;

/**
 * The request parameters that shape a completion's text and length.
 *
 * @param maxTokens tokens the completion may have; the rest of the context window when the request set none
 * @param stop strings that end the completion; the earliest one found wins
 * @param seed makes random content reproducible; null for a fresh seed per request
 * @param ignoreEos vLLM's {@code ignore_eos}: generate until {@code maxTokens} without a natural end
 * @param includeStopStrInOutput vLLM's {@code include_stop_str_in_output}
 * @param choices {@code n}
 */
public record SamplingParameters(
        int maxTokens, List<String> stop, Long seed, boolean ignoreEos, boolean includeStopStrInOutput, int choices) {

    public SamplingParameters {
        stop = stop == null ? List.of() : stop.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }
}
