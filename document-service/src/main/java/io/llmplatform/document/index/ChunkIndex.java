package io.llmplatform.document.index;

import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import java.util.List;
import java.util.UUID;

/**
 * Where a document's chunks live once embedded: the vector store (Chroma, or the in-memory fallback) for vector
 * search and PostgreSQL for keyword search. The seam between ingestion (which parses and chunks) and search.
 */
public interface ChunkIndex {

    /**
     * Embeds the chunks through embedding-service, billed to the document's owner, and stores them, replacing any
     * the document had: running it twice leaves one copy. On failure nothing of this run stays searchable.
     *
     * @throws IndexingUnavailableException when embedding-service or the store is unreachable: worth retrying later
     */
    void replace(IndexedDocument document, List<ChunkDraft> chunks, IndexingProgress progress);

    /** Removes every chunk and vector of the document; does nothing when it has none. */
    void delete(UUID ownerId, UUID documentId);

    /** The owner's chunks that best answer the request; never another owner's. */
    DocumentSearchResponse search(UUID ownerId, UUID apiKeyId, DocumentSearchRequest request);
}
