package io.llmplatform.contracts.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/v1/documents/{id}/status}, and the data of each of its server-sent events: the status, how many
 * of the document's chunks are embedded so far ({@code embeddedChunks} of {@code chunks}), the attempts made and,
 * while waiting for a retry, when the next starts and why the last one failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentProgress(UUID id, DocumentStatus status, Integer chunks, int embeddedChunks, int attempts,
        Instant nextAttemptAt, String lastError, String failureReason, Instant updatedAt) {
}
