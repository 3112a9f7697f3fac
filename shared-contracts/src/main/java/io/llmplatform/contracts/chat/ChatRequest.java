package io.llmplatform.contracts.chat;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * {@code POST /api/v1/chat} and {@code /api/v1/chat/stream}: a message in a new conversation (no id) or an existing
 * one. A new conversation takes its system prompt from {@code systemPrompt} or a preset, not both.
 */
public record ChatRequest(
        UUID conversationId,
        @NotBlank @Size(max = 100_000) String message,
        @Size(max = 200) String model,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) Integer maxTokens,
        @Size(max = 20_000) String systemPrompt,
        UUID presetId) {

    @AssertTrue(message = "give a systemPrompt or a presetId, not both")
    public boolean isOneSystemPromptSource() {
        return systemPrompt == null || presetId == null;
    }
}
