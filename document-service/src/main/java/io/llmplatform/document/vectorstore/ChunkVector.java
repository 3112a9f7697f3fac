package io.llmplatform.document.vectorstore;

import java.util.UUID;

/** One chunk's vector as stored, with the metadata every query filters on. */
public record ChunkVector(UUID id, UUID ownerId, UUID documentId, UUID generation, String collection,
        int chunkIndex, Integer page, String heading, String text, float[] vector) {
}
