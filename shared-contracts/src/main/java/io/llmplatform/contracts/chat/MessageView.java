package io.llmplatform.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** One message of a conversation's history: {@code role} is {@code user} or {@code assistant}. */
public record MessageView(UUID id, String role, String content, String model, Integer promptTokens,
        Integer completionTokens, Instant createdAt) {
}
