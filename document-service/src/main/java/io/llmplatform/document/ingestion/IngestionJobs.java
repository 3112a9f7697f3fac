package io.llmplatform.document.ingestion;

import io.llmplatform.contracts.documents.DocumentStatus;
import io.llmplatform.document.index.IndexedDocument;
import io.llmplatform.document.parsing.DocumentFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingestion job table. Claims are one short statement ({@code FOR UPDATE SKIP LOCKED}, so workers on every
 * replica take different jobs); every later write names the claim's lease token and does nothing once the lease is
 * gone (expired and claimed again, the document reindexed or deleted).
 */
@Repository
class IngestionJobs {

    /** How a finished run ended up. */
    enum Outcome { RECORDED, LEASE_LOST, DOCUMENT_DELETED }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IngestionJobs(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The next ready job, leased for {@code lease}; empty when none is ready. */
    Optional<ClaimedJob> claim(Duration lease) {
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        return jdbc.sql("""
                update ingestion_jobs j
                   set lease_token = :token, lease_until = :leaseUntil, attempts = j.attempts + 1, updated_at = :now
                  from (select document_id from ingestion_jobs
                         where state = 'PENDING' and run_after <= :now
                           and (lease_until is null or lease_until <= :now)
                         order by run_after, document_id
                         limit 1
                         for update skip locked) ready
                 where j.document_id = ready.document_id
                returning j.document_id, j.attempts
                """)
                .param("token", token).param("leaseUntil", at(now.plus(lease))).param("now", at(now))
                .query((rs, row) -> new ClaimedJob(rs.getObject("document_id", UUID.class), token,
                        rs.getInt("attempts")))
                .optional();
    }

    Optional<DocumentWork> work(UUID documentId) {
        return jdbc.sql("""
                select d.owner_id, d.api_key_id, d.name, d.format, c.name as collection
                  from documents d join collections c on c.id = d.collection_id
                 where d.id = :id and d.deleted_at is null
                """)
                .param("id", documentId)
                .query((rs, row) -> new DocumentWork(new IndexedDocument(documentId,
                        rs.getObject("owner_id", UUID.class), rs.getObject("api_key_id", UUID.class),
                        rs.getString("name"), rs.getString("collection")),
                        DocumentFormat.valueOf(rs.getString("format"))))
                .optional();
    }

    /**
     * Records a step and renews the lease. False when the lease is gone or the document deleted: the run stops.
     * Null counts leave what is recorded.
     */
    boolean progress(ClaimedJob job, DocumentStatus status, Integer pages, Integer chunks, int embedded,
            Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                with renewed as (
                    update ingestion_jobs set lease_until = :leaseUntil, updated_at = :now
                     where document_id = :id and lease_token = :token and state = 'PENDING'
                    returning document_id)
                update documents d
                   set status = :status, pages = coalesce(:pages, d.pages), chunks = coalesce(:chunks, d.chunks),
                       embedded_chunks = :embedded, failure_reason = null, updated_at = :now
                  from renewed
                 where d.id = renewed.document_id and d.deleted_at is null
                """)
                .param("id", job.documentId()).param("token", job.leaseToken())
                .param("leaseUntil", at(now.plus(lease))).param("now", at(now)).param("status", status.name())
                .param("pages", pages).param("chunks", chunks).param("embedded", embedded)
                .update() == 1;
    }

    Outcome stored(ClaimedJob job, int chunks) {
        return finish(job, "DONE", null, () -> jdbc.sql("""
                update documents set status = 'STORED', chunks = :chunks, embedded_chunks = :chunks,
                       failure_reason = null, updated_at = :now
                 where id = :id and deleted_at is null
                """).param("id", job.documentId()).param("chunks", chunks).param("now", at(clock.instant())));
    }

    Outcome failed(ClaimedJob job, String reason) {
        return finish(job, "FAILED", reason, () -> jdbc.sql("""
                update documents set status = 'FAILED', failure_reason = :reason, embedded_chunks = 0,
                       updated_at = :now
                 where id = :id and deleted_at is null
                """).param("id", job.documentId()).param("reason", reason).param("now", at(clock.instant())));
    }

    /** Gives the job back to wait {@code delay}, the failure noted; the attempt counts. */
    Outcome retryLater(ClaimedJob job, String error, Duration delay) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            int released = jdbc.sql("""
                    update ingestion_jobs set lease_token = null, lease_until = null, run_after = :runAfter,
                           last_error = :error, updated_at = :now
                     where document_id = :id and lease_token = :token and state = 'PENDING'
                    """).param("id", job.documentId()).param("token", job.leaseToken())
                    .param("runAfter", at(now.plus(delay))).param("error", error).param("now", at(now)).update();
            return released == 1 ? queued(job.documentId(), now) : lostOrDeleted(job.documentId());
        });
    }

    /** Gives the job back at once without counting the attempt: this replica is stopping. */
    void release(ClaimedJob job) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            int released = jdbc.sql("""
                    update ingestion_jobs set lease_token = null, lease_until = null,
                           attempts = greatest(attempts - 1, 0), updated_at = :now
                     where document_id = :id and lease_token = :token and state = 'PENDING'
                    """).param("id", job.documentId()).param("token", job.leaseToken()).param("now", at(now))
                    .update();
            if (released == 1) {
                queued(job.documentId(), now);
            }
        });
    }

    private Outcome queued(UUID documentId, Instant now) {
        jdbc.sql("""
                update documents set status = 'QUEUED', embedded_chunks = 0, updated_at = :now
                 where id = :id and deleted_at is null
                """).param("id", documentId).param("now", at(now)).update();
        return Outcome.RECORDED;
    }

    private Outcome finish(ClaimedJob job, String state, String error, java.util.function.Supplier<
            JdbcClient.StatementSpec> documentUpdate) {
        return transactions.execute(status -> {
            int finished = jdbc.sql("""
                    update ingestion_jobs set state = :state, lease_token = null, lease_until = null,
                           last_error = :error, updated_at = :now
                     where document_id = :id and lease_token = :token and state = 'PENDING'
                    """).param("id", job.documentId()).param("token", job.leaseToken()).param("state", state)
                    .param("error", error).param("now", at(clock.instant())).update();
            if (finished == 0) {
                return lostOrDeleted(job.documentId());
            }
            return documentUpdate.get().update() == 1 ? Outcome.RECORDED : Outcome.DOCUMENT_DELETED;
        });
    }

    private Outcome lostOrDeleted(UUID documentId) {
        boolean live = jdbc.sql("select count(*) from documents where id = :id and deleted_at is null")
                .param("id", documentId).query(Long.class).single() > 0;
        return live ? Outcome.LEASE_LOST : Outcome.DOCUMENT_DELETED;
    }

    /** The JDBC driver binds {@code OffsetDateTime} as {@code timestamptz}; an {@code Instant} it cannot. */
    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
