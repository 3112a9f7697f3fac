package io.llmplatform.contracts.chat;

import java.time.Instant;
import java.util.UUID;

public record PresetView(UUID id, String name, String systemPrompt, String model, Double temperature,
        Integer maxTokens, boolean global, Instant createdAt, Instant updatedAt) {
}
