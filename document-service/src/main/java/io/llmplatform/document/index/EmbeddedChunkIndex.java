package io.llmplatform.document.index;

import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.document.embedding.ChunkEmbedder;
import io.llmplatform.document.search.ChunkRow;
import io.llmplatform.document.search.ChunkRows;
import io.llmplatform.document.search.ChunkSearch;
import io.llmplatform.document.vectorstore.ChunkVector;
import io.llmplatform.document.vectorstore.ChunkVectors;
import io.llmplatform.document.vectorstore.VectorStoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;

/**
 * The chunk index: vectors in the vector store, text and metadata in PostgreSQL. A replace embeds everything first,
 * writes the new vectors (a new generation), swaps the document's rows in one transaction, and only then drops the
 * old vectors; searches return only chunks whose rows exist, so at no point are old and new both, or a half, visible.
 */
@Service
class EmbeddedChunkIndex implements ChunkIndex {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedChunkIndex.class);

    private final ChunkEmbedder embedder;
    private final ChunkVectors vectors;
    private final ChunkRows rows;
    private final ChunkSearch search;

    EmbeddedChunkIndex(ChunkEmbedder embedder, ChunkVectors vectors, ChunkRows rows, ChunkSearch search) {
        this.embedder = embedder;
        this.vectors = vectors;
        this.rows = rows;
        this.search = search;
    }

    @Override
    public void replace(IndexedDocument document, List<ChunkDraft> chunks, IndexingProgress progress) {
        List<float[]> embedded = embedder.embedForOwner(document.ownerId(), document.apiKeyId(),
                chunks.stream().map(ChunkDraft::text).toList(), done -> progress.embedded(done, chunks.size()));
        UUID generation = UUID.randomUUID();
        List<ChunkVector> written = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            ChunkDraft chunk = chunks.get(i);
            written.add(new ChunkVector(UUID.randomUUID(), document.ownerId(), document.documentId(), generation,
                    document.collection(), chunk.index(), chunk.page(), chunk.heading(), chunk.text(),
                    embedded.get(i)));
        }
        try {
            vectors.add(written);
            rows.replace(document.ownerId(), document.documentId(), rowsOf(document, chunks, written));
        } catch (VectorStoreUnavailableException | DataAccessResourceFailureException
                | TransientDataAccessException failed) {
            removeWritten(written);
            throw new IndexingUnavailableException("the chunk index cannot be written now: " + failed.getMessage(),
                    failed);
        } catch (RuntimeException failed) {
            removeWritten(written);
            throw failed;
        }
        try {
            vectors.removeDocument(document.ownerId(), document.documentId(), generation);
        } catch (VectorStoreUnavailableException stale) {
            // The old vectors' rows are gone, so no search returns them; the next replace or delete drops them.
            log.warn("Could not drop the earlier vectors of document {}: {}", document.documentId(),
                    stale.getMessage());
        }
    }

    @Override
    public void delete(UUID ownerId, UUID documentId) {
        rows.delete(ownerId, documentId);
        try {
            vectors.removeDocument(ownerId, documentId, null);
        } catch (VectorStoreUnavailableException failed) {
            throw new IndexingUnavailableException("the vector store cannot delete now: " + failed.getMessage(),
                    failed);
        }
    }

    @Override
    public DocumentSearchResponse search(UUID ownerId, UUID apiKeyId, DocumentSearchRequest request) {
        // In a user's request, the embedding call carries that user's token (and any internal user headers):
        // embedding-service bills the user and the API key the token names.
        return search.search(ownerId, request);
    }

    private void removeWritten(List<ChunkVector> written) {
        try {
            vectors.remove(written.stream().map(ChunkVector::id).toList());
        } catch (VectorStoreUnavailableException alsoFailed) {
            // Orphans without rows: never returned, and dropped by the document's next replace or delete.
            log.warn("Could not remove the vectors a failed replace wrote: {}", alsoFailed.getMessage());
        }
    }

    private static List<ChunkRow> rowsOf(IndexedDocument document, List<ChunkDraft> chunks,
            List<ChunkVector> written) {
        List<ChunkRow> rows = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            ChunkVector vector = written.get(i);
            rows.add(new ChunkRow(vector.id(), document.ownerId(), document.documentId(), vector.generation(),
                    document.name(), document.collection(), vector.chunkIndex(), vector.page(), vector.heading(),
                    vector.text(), chunks.get(i).tokens()));
        }
        return rows;
    }
}
