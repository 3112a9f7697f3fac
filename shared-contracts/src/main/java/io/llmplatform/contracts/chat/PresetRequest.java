package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A named system prompt with default parameters. {@code global} presets are visible to everyone and only
 * administrators create or change them.
 */
public record PresetRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 20_000) String systemPrompt,
        @Size(max = 200) String model,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) Integer maxTokens,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean global) {
}
