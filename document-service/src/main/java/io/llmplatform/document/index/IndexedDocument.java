package io.llmplatform.document.index;

import java.util.UUID;

/** The document whose chunks are indexed, with what every chunk's metadata repeats. */
public record IndexedDocument(UUID documentId, UUID ownerId, UUID apiKeyId, String name, String collection) {
}
