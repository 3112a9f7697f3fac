package io.llmplatform.simulator.generation;

import java.util.List;

/**
 * One planned choice: the text each generated token adds (the last ones may be cut short, or empty, by a stop
 * string), why generation ended, and vLLM's {@code stop_reason} (the stop string that matched, if any). When
 * {@code toolCall} is set, the tokens are that call's arguments rather than content.
 */
public record Completion(List<String> pieces, String finishReason, String stopReason, PlannedToolCall toolCall) {

    public static final String STOP = "stop";
    public static final String LENGTH = "length";
    public static final String ABORT = "abort";
    public static final String TOOL_CALLS = "tool_calls";

    public Completion {
        pieces = List.copyOf(pieces);
    }

    public Completion(List<String> pieces, String finishReason, String stopReason) {
        this(pieces, finishReason, stopReason, null);
    }

    /** The {@code finish_reason} the API reports for an engine's {@code reason}: {@code tool_calls} for a call. */
    public String reportedFinishReason(String reason) {
        return toolCall != null && toolCall.reportedAsToolCalls() && STOP.equals(reason) ? TOOL_CALLS : reason;
    }

    public int completionTokens() {
        return pieces.size();
    }

    public String text() {
        return String.join("", pieces);
    }

    /** The text of the first {@code steps} tokens: all of it unless an abort cut the completion short. */
    public String textUpTo(int steps) {
        return steps >= pieces.size() ? text() : String.join("", pieces.subList(0, steps));
    }
}
