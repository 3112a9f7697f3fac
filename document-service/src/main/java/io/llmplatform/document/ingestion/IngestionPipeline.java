package io.llmplatform.document.ingestion;

import io.llmplatform.contracts.documents.DocumentStatus;
import io.llmplatform.document.chunking.Chunker;
import io.llmplatform.document.index.ChunkDraft;
import io.llmplatform.document.index.ChunkIndex;
import io.llmplatform.document.index.IndexingUnavailableException;
import io.llmplatform.document.parsing.DocumentParser;
import io.llmplatform.document.parsing.ParsedDocument;
import io.llmplatform.document.parsing.UnreadableDocumentException;
import io.llmplatform.document.storage.OriginalFileStore;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * One run of a claimed job: parse the kept original, chunk it, hand the chunks to the {@link ChunkIndex}, record
 * the outcome. An unreadable file fails the document with its reason and stores nothing; an unavailable index is
 * retried with exponential backoff until the attempts run out. Re-running a document is safe: the index replaces
 * its chunks.
 */
@Component
class IngestionPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestionPipeline.class);

    private final IngestionJobs jobs;
    private final OriginalFileStore files;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final ChunkIndex index;
    private final IngestionProperties properties;

    IngestionPipeline(IngestionJobs jobs, OriginalFileStore files, DocumentParser parser, Chunker chunker,
            ChunkIndex index, IngestionProperties properties) {
        this.jobs = jobs;
        this.files = files;
        this.parser = parser;
        this.chunker = chunker;
        this.index = index;
        this.properties = properties;
    }

    /** Runs the job; {@code stopping} says this replica is shutting down, so a failure gives the job back. */
    void run(ClaimedJob job, BooleanSupplier stopping) {
        try {
            if (job.attempts() > properties.maxAttempts()) {
                jobs.failed(job, "Ingestion was interrupted " + (job.attempts() - 1) + " times; reindex to retry");
                return;
            }
            jobs.work(job.documentId()).ifPresent(work -> ingest(job, work, stopping));
        } catch (DataAccessException e) {
            // The database is unreachable: the lease runs out and another attempt starts then.
            log.warn("Ingestion of document {} could not record its state: {}", job.documentId(), e.toString());
        }
    }

    private void ingest(ClaimedJob job, DocumentWork work, BooleanSupplier stopping) {
        try {
            if (!step(job, DocumentStatus.PARSING, null, null, 0)) {
                return;
            }
            ParsedDocument parsed = parse(work);
            if (!step(job, DocumentStatus.CHUNKING, parsed.pages(), null, 0)) {
                return;
            }
            List<ChunkDraft> chunks = chunker.chunk(parsed);
            if (!step(job, DocumentStatus.EMBEDDING, null, chunks.size(), 0)) {
                return;
            }
            index.replace(work.document(), chunks, (done, total) ->
                    step(job, DocumentStatus.EMBEDDING, null, total, done));
            if (jobs.stored(job, chunks.size()) == IngestionJobs.Outcome.DOCUMENT_DELETED) {
                removeChunksOfDeleted(work);
            }
        } catch (UnreadableDocumentException e) {
            jobs.failed(job, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.release(job);
        } catch (IndexingUnavailableException | IOException e) {
            retryOrFail(job, e, stopping);
        } catch (PlatformException refused) {
            // embedding-service refused the owner's chunks (quota exceeded, an input it does not take): trying
            // again soon would be refused the same way, so the document fails with the reason.
            jobs.failed(job, "Embedding refused (" + refused.code().code() + "): " + refused.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof DataAccessException) {
                throw e;
            }
            if (stopping.getAsBoolean()) {
                jobs.release(job);
                return;
            }
            log.error("Ingestion of document {} failed unexpectedly", job.documentId(), e);
            jobs.failed(job, "Ingestion failed unexpectedly; reindex the document to try again");
        }
    }

    /** The document was deleted while this run stored its chunks: they must not stay searchable. */
    private void removeChunksOfDeleted(DocumentWork work) {
        try {
            index.delete(work.document().ownerId(), work.document().documentId());
        } catch (IndexingUnavailableException e) {
            log.error("Chunks of deleted document {} could not be removed; they stay in the index until it is "
                    + "cleaned", work.document().documentId(), e);
        }
    }

    private ParsedDocument parse(DocumentWork work) throws UnreadableDocumentException, InterruptedException,
            IOException {
        try (InputStream original = files.open(work.document().documentId())) {
            return parser.parse(original, work.format());
        } catch (NoSuchFileException e) {
            throw new UnreadableDocumentException("The original file is missing from the store; upload it again");
        }
    }

    private void retryOrFail(ClaimedJob job, Exception failure, BooleanSupplier stopping) {
        if (stopping.getAsBoolean()) {
            jobs.release(job);
        } else if (job.attempts() >= properties.maxAttempts()) {
            jobs.failed(job, "Embedding and storing the chunks failed " + job.attempts() + " times; last: "
                    + failure.getMessage());
        } else {
            log.info("Ingestion of document {} failed (attempt {}), retrying: {}", job.documentId(), job.attempts(),
                    failure.toString());
            jobs.retryLater(job, failure.getMessage(), properties.backoffAfter(job.attempts()));
        }
    }

    private boolean step(ClaimedJob job, DocumentStatus status, Integer pages, Integer chunks, int embedded) {
        return jobs.progress(job, status, pages, chunks, embedded, properties.lease());
    }
}
