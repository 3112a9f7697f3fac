package io.llmplatform.contracts.usage;

/** Calls and tokens summed over some slice of usage. */
public record UsageTotals(long requests, long promptTokens, long completionTokens, long totalTokens) {

    public static UsageTotals of(long requests, long promptTokens, long completionTokens) {
        return new UsageTotals(requests, promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
