package io.llmplatform.document.ingestion;

import io.llmplatform.contracts.documents.DocumentStatus;
import io.llmplatform.document.chunking.Chunker;
import io.llmplatform.document.index.ChunkDraft;
import io.llmplatform.document.index.ChunkIndex;
import io.llmplatform.document.index.IndexingUnavailableException;
import io.llmplatform.document.metrics.DocumentMetrics;
import io.llmplatform.document.parsing.DocumentParser;
import io.llmplatform.document.parsing.ParsedDocument;
import io.llmplatform.document.parsing.UnreadableDocumentException;
import io.llmplatform.document.storage.OriginalFileStore;
import io.llmplatform.support.PlatformException;
import io.micrometer.core.instrument.Timer;
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
    private final DocumentMetrics metrics;

    IngestionPipeline(IngestionJobs jobs, OriginalFileStore files, DocumentParser parser, Chunker chunker,
            ChunkIndex index, IngestionProperties properties, DocumentMetrics metrics) {
        this.jobs = jobs;
        this.files = files;
        this.parser = parser;
        this.chunker = chunker;
        this.index = index;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Runs the job; {@code stopping} says this replica is shutting down, so a failure gives the job back. */
    void run(ClaimedJob job, BooleanSupplier stopping) {
        Timer.Sample run = metrics.ingestionStarted();
        try {
            if (job.attempts() > properties.maxAttempts()) {
                failed(job, run, "Ingestion was interrupted " + (job.attempts() - 1) + " times; reindex to retry");
                return;
            }
            jobs.work(job.documentId()).ifPresent(work -> ingest(job, work, stopping, run));
        } catch (DataAccessException e) {
            // The database is unreachable: the lease runs out and another attempt starts then.
            log.warn("Ingestion of document {} could not record its state: {}", job.documentId(), e.toString());
        }
    }

    private void ingest(ClaimedJob job, DocumentWork work, BooleanSupplier stopping, Timer.Sample run) {
        try {
            if (!step(job, DocumentStatus.PARSING, null, null, 0)) {
                return;
            }
            ParsedDocument parsed = parse(work);
            metrics.pagesParsed(parsed.pages());
            if (!step(job, DocumentStatus.CHUNKING, parsed.pages(), null, 0)) {
                return;
            }
            List<ChunkDraft> chunks = chunker.chunk(parsed);
            if (!step(job, DocumentStatus.EMBEDDING, null, chunks.size(), 0)) {
                return;
            }
            index.replace(work.document(), chunks, (done, total) ->
                    step(job, DocumentStatus.EMBEDDING, null, total, done));
            IngestionJobs.Outcome stored = jobs.stored(job, chunks.size());
            if (stored == IngestionJobs.Outcome.DOCUMENT_DELETED) {
                removeChunksOfDeleted(work);
            } else if (stored == IngestionJobs.Outcome.RECORDED) {
                metrics.chunksStored(chunks.size());
                metrics.ingested(run, DocumentMetrics.Outcome.STORED);
            }
        } catch (UnreadableDocumentException e) {
            failed(job, run, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.release(job);
        } catch (IndexingUnavailableException | IOException e) {
            retryOrFail(job, e, stopping, run);
        } catch (PlatformException refused) {
            // embedding-service refused the owner's chunks (quota exceeded, an input it does not take): trying
            // again soon would be refused the same way, so the document fails with the reason.
            failed(job, run, "Embedding refused (" + refused.code().code() + "): " + refused.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof DataAccessException) {
                throw e;
            }
            if (stopping.getAsBoolean()) {
                jobs.release(job);
                return;
            }
            log.error("Ingestion of document {} failed unexpectedly", job.documentId(), e);
            failed(job, run, "Ingestion failed unexpectedly; reindex the document to try again");
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

    private void retryOrFail(ClaimedJob job, Exception failure, BooleanSupplier stopping, Timer.Sample run) {
        if (stopping.getAsBoolean()) {
            jobs.release(job);
        } else if (job.attempts() >= properties.maxAttempts()) {
            failed(job, run, "Embedding and storing the chunks failed " + job.attempts() + " times; last: "
                    + failure.getMessage());
        } else {
            log.info("Ingestion of document {} failed (attempt {}), retrying: {}", job.documentId(), job.attempts(),
                    failure.toString());
            jobs.retryLater(job, failure.getMessage(), properties.backoffAfter(job.attempts()));
        }
    }

    /** Fails the document; counted only when this run still held it (not deleted, lease not lost). */
    private void failed(ClaimedJob job, Timer.Sample run, String reason) {
        if (jobs.failed(job, reason) == IngestionJobs.Outcome.RECORDED) {
            metrics.ingested(run, DocumentMetrics.Outcome.FAILED);
        }
    }

    private boolean step(ClaimedJob job, DocumentStatus status, Integer pages, Integer chunks, int embedded) {
        return jobs.progress(job, status, pages, chunks, embedded, properties.lease());
    }
}
