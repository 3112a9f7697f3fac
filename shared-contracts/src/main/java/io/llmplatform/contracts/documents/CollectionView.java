package io.llmplatform.contracts.documents;

import java.time.Instant;
import java.util.UUID;

/** A named group of one user's documents. */
public record CollectionView(UUID id, String name, long documents, Instant createdAt) {
}
