package io.llmplatform.contracts.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/v1/conversations/{id}}. */
public record ConversationRename(@NotBlank @Size(max = 200) String title) {
}
