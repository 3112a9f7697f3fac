package io.llmplatform.contracts.chat;

import java.util.List;
import java.util.UUID;

/** The answer to a chat message; {@code latencyMs} is the whole exchange as chat-service saw it. */
public record ChatReply(
        UUID conversationId,
        String message,
        String reply,
        String model,
        TokenUsage usage,
        long latencyMs,
        List<Source> sources) {
}
