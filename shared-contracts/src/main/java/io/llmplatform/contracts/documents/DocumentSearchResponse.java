package io.llmplatform.contracts.documents;

import java.util.List;

/** The answer to {@code POST /api/v1/documents/search}: best first, at most {@code topK}. */
public record DocumentSearchResponse(SearchMode mode, List<ChunkHit> results) {
}
