package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.StreamOptions;

/**
 * Whether a stream reports usage. vLLM's {@code include_usage} defaults to true inside {@code stream_options}, so any
 * {@code stream_options} object asks for the final usage chunk unless it says {@code include_usage: false};
 * {@code continuous_usage_stats} adds usage so far to every content chunk.
 */
record StreamUsage(boolean include, boolean continuous) {

    static StreamUsage of(StreamOptions options) {
        if (options == null || Boolean.FALSE.equals(options.includeUsage())) {
            return new StreamUsage(false, false);
        }
        return new StreamUsage(true, Boolean.TRUE.equals(options.continuousUsageStats()));
    }
}
