package io.llmplatform.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** A conversation as listed; its title comes from its first message until renamed. */
public record ConversationView(UUID id, String title, String model, UUID presetId, Instant createdAt,
        Instant updatedAt) {
}
