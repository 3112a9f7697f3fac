package io.llmplatform.contracts.chat;

import java.util.UUID;

/** A passage of a document that informed a reply (retrieval-augmented answers). */
public record Source(UUID documentId, String documentName, String excerpt, double score) {
}
