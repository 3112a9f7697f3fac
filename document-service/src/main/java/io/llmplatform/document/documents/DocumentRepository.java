package io.llmplatform.document.documents;

import io.llmplatform.contracts.PageView;
import io.llmplatform.contracts.documents.DocumentProgress;
import io.llmplatform.contracts.documents.DocumentStatus;
import io.llmplatform.contracts.documents.DocumentView;
import io.llmplatform.document.parsing.DocumentFormat;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Documents and the job each has. Every read names the owner: another user's document is simply not found. */
@Repository
public class DocumentRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final String VIEW = """
            select d.id, d.name, c.name as collection, d.status, d.media_type, d.size_bytes, d.metadata::text as meta,
                   d.pages, d.chunks, d.failure_reason, d.created_at, d.updated_at
              from documents d join collections c on c.id = d.collection_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DocumentRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new document and its pending job, in the caller's transaction. */
    public void insert(NewDocument document, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into documents (id, owner_id, api_key_id, collection_id, name, format, media_type, size_bytes,
                                       metadata, status, created_at, updated_at)
                values (:id, :owner, :apiKey, :collection, :name, :format, :mediaType, :size, cast(:metadata as jsonb),
                        'QUEUED', :now, :now)
                """).param("id", document.id()).param("owner", document.ownerId())
                .param("apiKey", document.apiKeyId()).param("collection", document.collectionId())
                .param("name", document.name()).param("format", document.format().name())
                .param("mediaType", document.format().mediaType()).param("size", document.sizeBytes())
                .param("metadata", document.metadataJson()).param("now", at).update();
        jdbc.sql("""
                insert into ingestion_jobs (document_id, state, attempts, run_after, created_at, updated_at)
                values (:id, 'PENDING', 0, :now, :now, :now)
                """).param("id", document.id()).param("now", at).update();
    }

    public Optional<DocumentView> find(UUID ownerId, UUID id) {
        return jdbc.sql(VIEW + " where d.owner_id = :owner and d.id = :id and d.deleted_at is null")
                .param("owner", ownerId).param("id", id).query(this::view).optional();
    }

    /** Newest first; {@code collection} and {@code status} filter when not null. */
    PageView<DocumentView> page(UUID ownerId, String collection, DocumentStatus status, int page, int size) {
        String filter = """
                 where d.owner_id = :owner and d.deleted_at is null
                   and (cast(:collection as varchar) is null or c.name = :collection)
                   and (cast(:status as varchar) is null or d.status = :status)
                """;
        String statusName = status == null ? null : status.name();
        long total = jdbc.sql("select count(*) from documents d join collections c on c.id = d.collection_id"
                        + filter)
                .param("owner", ownerId).param("collection", collection).param("status", statusName)
                .query(Long.class).single();
        List<DocumentView> items = jdbc.sql(VIEW + filter + " order by d.created_at desc, d.id limit :limit"
                        + " offset :offset")
                .param("owner", ownerId).param("collection", collection).param("status", statusName)
                .param("limit", size).param("offset", (long) page * size).query(this::view).list();
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    Optional<DocumentProgress> progress(UUID ownerId, UUID id) {
        return jdbc.sql("""
                select d.id, d.status, d.chunks, d.embedded_chunks, d.failure_reason, d.updated_at,
                       j.attempts, j.state, j.run_after, j.lease_until, j.last_error
                  from documents d join ingestion_jobs j on j.document_id = d.id
                 where d.owner_id = :owner and d.id = :id and d.deleted_at is null
                """).param("owner", ownerId).param("id", id).query(DocumentRepository::progress).optional();
    }

    /**
     * Hides the document and cancels its job, so no worker records anything for it from now on. True when the
     * owner has it, including one whose earlier delete did not finish.
     */
    boolean markDeleted(UUID ownerId, UUID id, Instant now) {
        int marked = jdbc.sql("""
                update documents set deleted_at = coalesce(deleted_at, :now) where id = :id and owner_id = :owner
                """).param("id", id).param("owner", ownerId).param("now", now.atOffset(ZoneOffset.UTC)).update();
        if (marked == 1) {
            jdbc.sql("update ingestion_jobs set state = 'CANCELLED', lease_token = null where document_id = :id")
                    .param("id", id).update();
        }
        return marked == 1;
    }

    void remove(UUID id) {
        jdbc.sql("delete from documents where id = :id").param("id", id).update();
    }

    /** Queues the document again from its kept file, taking the job from any worker running it. */
    boolean requeue(UUID ownerId, UUID id, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int requeued = jdbc.sql("""
                update documents set status = 'QUEUED', failure_reason = null, pages = null, chunks = null,
                       embedded_chunks = 0, updated_at = :now
                 where id = :id and owner_id = :owner and deleted_at is null
                """).param("id", id).param("owner", ownerId).param("now", at).update();
        if (requeued == 1) {
            jdbc.sql("""
                    update ingestion_jobs set state = 'PENDING', attempts = 0, run_after = :now, lease_token = null,
                           lease_until = null, last_error = null, updated_at = :now
                     where document_id = :id
                    """).param("id", id).param("now", at).update();
        }
        return requeued == 1;
    }

    private DocumentView view(ResultSet rs, int row) throws SQLException {
        return new DocumentView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("collection"),
                DocumentStatus.valueOf(rs.getString("status")), rs.getString("media_type"), rs.getLong("size_bytes"),
                json.readValue(rs.getString("meta"), OBJECT), (Integer) rs.getObject("pages"),
                (Integer) rs.getObject("chunks"), rs.getString("failure_reason"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static DocumentProgress progress(ResultSet rs, int row) throws SQLException {
        DocumentStatus status = DocumentStatus.valueOf(rs.getString("status"));
        boolean waiting = status == DocumentStatus.QUEUED && "PENDING".equals(rs.getString("state"))
                && rs.getString("last_error") != null;
        return new DocumentProgress(rs.getObject("id", UUID.class), status, (Integer) rs.getObject("chunks"),
                rs.getInt("embedded_chunks"), rs.getInt("attempts"), waiting ? instant(rs, "run_after") : null,
                waiting ? rs.getString("last_error") : null, rs.getString("failure_reason"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A document as an upload creates it. */
    public record NewDocument(UUID id, UUID ownerId, UUID apiKeyId, UUID collectionId, String name,
            DocumentFormat format, long sizeBytes, String metadataJson) {
    }
}
