package io.llmplatform.document.documents;

import io.llmplatform.contracts.PageView;
import io.llmplatform.contracts.documents.DocumentProgress;
import io.llmplatform.contracts.documents.DocumentStatus;
import io.llmplatform.contracts.documents.DocumentView;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.document.index.ChunkIndex;
import io.llmplatform.document.index.IndexingUnavailableException;
import io.llmplatform.document.ingestion.IngestionWorkers;
import io.llmplatform.document.storage.OriginalFileStore;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A user's documents: reading them, reindexing and deleting them with everything they left anywhere. */
@Service
public class DocumentService {

    private final DocumentRepository documents;
    private final ChunkIndex index;
    private final OriginalFileStore files;
    private final IngestionWorkers workers;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DocumentService(DocumentRepository documents, ChunkIndex index, OriginalFileStore files,
            IngestionWorkers workers, TransactionTemplate transactions, Clock clock) {
        this.documents = documents;
        this.index = index;
        this.files = files;
        this.workers = workers;
        this.transactions = transactions;
        this.clock = clock;
    }

    DocumentView get(UUID ownerId, UUID id) {
        return documents.find(ownerId, id).orElseThrow(() -> notFound(id));
    }

    PageView<DocumentView> list(UUID ownerId, String collection, DocumentStatus status, int page, int size) {
        return documents.page(ownerId, collection, status, page, size);
    }

    DocumentProgress progress(UUID ownerId, UUID id) {
        return documents.progress(ownerId, id).orElseThrow(() -> notFound(id));
    }

    DocumentView reindex(UUID ownerId, UUID id) {
        if (!transactions.execute(status -> documents.requeue(ownerId, id, clock.instant()))) {
            throw notFound(id);
        }
        workers.wake();
        return get(ownerId, id);
    }

    /**
     * Hides the document first (so no worker records anything for it), then removes its chunks and vectors, its
     * file, and last its row and job. A failure part-way leaves it hidden, and deleting it again finishes the job.
     */
    public void delete(UUID ownerId, UUID id) {
        if (!transactions.execute(status -> documents.markDeleted(ownerId, id, clock.instant()))) {
            throw notFound(id);
        }
        try {
            index.delete(ownerId, id);
        } catch (IndexingUnavailableException e) {
            throw new PlatformException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The document's chunks could not be removed yet; delete it again", null, e);
        }
        try {
            files.delete(id);
        } catch (IOException e) {
            throw new PlatformException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The document's file could not be removed yet; delete it again", null, e);
        }
        documents.remove(id);
    }

    private static PlatformException notFound(UUID id) {
        return new PlatformException(ErrorCode.NOT_FOUND, "No document " + id);
    }
}
