package io.llmplatform.contracts.chat;

/** Tokens one model call used. */
public record TokenUsage(int promptTokens, int completionTokens, int totalTokens) {

    public static TokenUsage of(int promptTokens, int completionTokens) {
        return new TokenUsage(promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
