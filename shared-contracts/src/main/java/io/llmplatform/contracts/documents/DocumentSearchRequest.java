package io.llmplatform.contracts.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/documents/search}: the caller's own chunks that best answer {@code query}. Null collections
 * and document ids search everything the caller owns; {@code topK} defaults to 5, {@code mode} to hybrid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentSearchRequest(
        @NotBlank @Size(max = 10_000) String query,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> collections,
        @Size(max = 1_000) List<UUID> documentIds,
        @Min(1) @Max(100) Integer topK,
        @DecimalMin("-1") @DecimalMax("1") Double minScore,
        SearchMode mode,
        Boolean rerank) {

    public static final int DEFAULT_TOP_K = 5;

    public int topKOrDefault() {
        return topK == null ? DEFAULT_TOP_K : topK;
    }

    public SearchMode modeOrDefault() {
        return mode == null ? SearchMode.HYBRID : mode;
    }
}
