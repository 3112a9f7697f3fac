package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a chat message; {@code latencyMs} is the whole exchange as chat-service saw it. {@code sources} are
 * the passages of the user's documents the model was given (empty without retrieval); {@code retrieval} is present
 * when the message asked for retrieval ({@code useRag}).
 */
public record ChatReply(
        UUID conversationId,
        String message,
        String reply,
        String model,
        TokenUsage usage,
        long latencyMs,
        List<Source> sources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Retrieval retrieval) {
}
