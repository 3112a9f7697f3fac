package io.llmplatform.document.vectorstore;

import java.util.UUID;

/** A stored chunk near the query, with the cosine similarity of the two vectors. */
public record VectorMatch(UUID chunkId, double cosine) {
}
