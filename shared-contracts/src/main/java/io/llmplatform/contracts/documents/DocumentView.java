package io.llmplatform.contracts.documents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A document as its owner sees it. {@code mediaType} is what its content was detected as; {@code pages} is set for
 * PDFs once parsed, {@code chunks} once chunked; {@code failureReason} only when {@code status} is {@code FAILED}.
 */
public record DocumentView(UUID id, String name, String collection, DocumentStatus status, String mediaType,
        long sizeBytes, Map<String, Object> metadata, Integer pages, Integer chunks, String failureReason,
        Instant createdAt, Instant updatedAt) {
}
