package io.llmplatform.document.search;

import io.llmplatform.contracts.documents.ChunkHit;
import java.util.UUID;

/** A chunk as the {@code chunks} table holds it. */
public record ChunkRow(UUID id, UUID ownerId, UUID documentId, UUID generation, String documentName, String collection,
        int chunkIndex, Integer page, String heading, String text, int tokens) {

    ChunkHit hit(double score) {
        return new ChunkHit(documentId, documentName, collection, chunkIndex, page, heading, text, score);
    }
}
