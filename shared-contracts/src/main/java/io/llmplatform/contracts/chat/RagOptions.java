package io.llmplatform.contracts.chat;

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
 * What to retrieve from the caller's own documents for an answer: the platform fields of {@code POST /api/v1/chat},
 * and the {@code rag} extension object of {@code POST /v1/chat/completions}. Absent collections and document ids
 * search everything the caller owns; {@code topK} defaults to 5. With {@code requireSources} an answer is only given
 * with passages: 503 {@code retrieval_unavailable} when document-service cannot be asked, 422 {@code no_sources}
 * when nothing matched.
 */
public record RagOptions(
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> collections,
        @Size(max = 1_000) List<@NotNull UUID> documentIds,
        @Min(1) @Max(MAX_TOP_K) Integer topK,
        @DecimalMin("-1") @DecimalMax("1") Double minScore,
        Boolean requireSources) {

    public static final int DEFAULT_TOP_K = 5;
    /** More passages than this do not fit a useful prompt. */
    public static final int MAX_TOP_K = 20;

    public int topKOrDefault() {
        return topK == null ? DEFAULT_TOP_K : topK;
    }

    public boolean sourcesRequired() {
        return Boolean.TRUE.equals(requireSources);
    }
}
