package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/chat} and {@code /api/v1/chat/stream}: a message in a new conversation (no id) or an existing
 * one. A new conversation takes its system prompt from {@code systemPrompt} or a preset, not both.
 * <p>
 * With {@code useRag} the answer draws on the caller's own documents (see {@link RagOptions} for
 * {@code collections}, {@code documentIds}, {@code topK}, {@code minScore} and {@code requireSources}); those fields
 * without {@code useRag: true} are refused rather than silently ignored.
 */
public record ChatRequest(
        UUID conversationId,
        @NotBlank @Size(max = 100_000) String message,
        @Size(max = 200) String model,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) Integer maxTokens,
        @Size(max = 20_000) String systemPrompt,
        UUID presetId,
        Boolean useRag,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> collections,
        @Size(max = 1_000) List<@NotNull UUID> documentIds,
        @Min(1) @Max(RagOptions.MAX_TOP_K) Integer topK,
        @DecimalMin("-1") @DecimalMax("1") Double minScore,
        Boolean requireSources) {

    /** A message without retrieval. */
    public ChatRequest(UUID conversationId, String message, String model, Double temperature, Integer maxTokens,
            String systemPrompt, UUID presetId) {
        this(conversationId, message, model, temperature, maxTokens, systemPrompt, presetId, null, null, null, null,
                null, null);
    }

    @AssertTrue(message = "give a systemPrompt or a presetId, not both")
    @JsonIgnore
    public boolean isOneSystemPromptSource() {
        return systemPrompt == null || presetId == null;
    }

    @AssertTrue(message = "collections, documentIds, topK, minScore and requireSources need useRag: true")
    @JsonIgnore
    public boolean isRagOptionsWithUseRag() {
        return Boolean.TRUE.equals(useRag) || collections == null && documentIds == null && topK == null
                && minScore == null && requireSources == null;
    }

    /** What to retrieve, or null when the message asked for no retrieval. */
    public RagOptions rag() {
        return Boolean.TRUE.equals(useRag)
                ? new RagOptions(collections, documentIds, topK, minScore, requireSources) : null;
    }
}
