package io.llmplatform.document.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code chunks} table: every statement names the owner. */
@Repository
public class ChunkRows {

    private static final String COLUMNS = "id, owner_id, document_id, generation, document_name, collection, "
            + "chunk_index, page, heading, text, tokens";
    private static final RowMapper<ChunkRow> ROW = ChunkRows::row;

    private final JdbcClient jdbc;

    ChunkRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the owner's chunks of the document by {@code rows}, in one transaction. */
    @Transactional
    public void replace(UUID ownerId, UUID documentId, List<ChunkRow> rows) {
        jdbc.sql("delete from chunks where owner_id = :owner and document_id = :document")
                .param("owner", ownerId).param("document", documentId).update();
        for (ChunkRow row : rows) {
            jdbc.sql("insert into chunks (" + COLUMNS + ") values (:id, :owner, :document, :generation, :name, "
                            + ":collection, :index, :page, :heading, :text, :tokens)")
                    .param("id", row.id()).param("owner", ownerId).param("document", documentId)
                    .param("generation", row.generation()).param("name", row.documentName())
                    .param("collection", row.collection()).param("index", row.chunkIndex())
                    .param("page", row.page()).param("heading", row.heading()).param("text", row.text())
                    .param("tokens", row.tokens()).update();
        }
    }

    /** Deletes the owner's chunks of the document; how many there were. */
    public int delete(UUID ownerId, UUID documentId) {
        return jdbc.sql("delete from chunks where owner_id = :owner and document_id = :document")
                .param("owner", ownerId).param("document", documentId).update();
    }

    /** The owner's chunks among {@code ids}, by id; ids of other owners' chunks (or of none) are absent. */
    public Map<UUID, ChunkRow> byIds(UUID ownerId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select " + COLUMNS + " from chunks where owner_id = :owner and id in (:ids)")
                .param("owner", ownerId).param("ids", ids).query(ROW).list().stream()
                .collect(Collectors.toMap(ChunkRow::id, Function.identity()));
    }

    /**
     * The owner's chunks that match {@code query} as a web search would read it ({@code websearch_to_tsquery}:
     * words, "quoted phrases", -exclusions, or), best first by {@code ts_rank_cd}.
     */
    public List<RankedRow> keyword(UUID ownerId, String query, Collection<String> collections,
            Collection<UUID> documentIds, int max) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + ", ts_rank_cd(search_vector, q) as rank "
                + "from chunks, websearch_to_tsquery('english', :query) q "
                + "where owner_id = :owner and search_vector @@ q");
        if (collections != null && !collections.isEmpty()) {
            sql.append(" and collection in (:collections)");
        }
        if (documentIds != null && !documentIds.isEmpty()) {
            sql.append(" and document_id in (:documents)");
        }
        sql.append(" order by rank desc, document_id, chunk_index limit :max");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("query", query).param("owner", ownerId)
                .param("max", max);
        if (collections != null && !collections.isEmpty()) {
            statement = statement.param("collections", collections);
        }
        if (documentIds != null && !documentIds.isEmpty()) {
            statement = statement.param("documents", documentIds);
        }
        return statement.query((rs, n) -> new RankedRow(row(rs, n), rs.getDouble("rank"))).list();
    }

    /** A chunk with its keyword rank. */
    public record RankedRow(ChunkRow row, double rank) {
    }

    private static ChunkRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new ChunkRow(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                rs.getObject("document_id", UUID.class), rs.getObject("generation", UUID.class),
                rs.getString("document_name"), rs.getString("collection"), rs.getInt("chunk_index"),
                (Integer) rs.getObject("page"), rs.getString("heading"), rs.getString("text"), rs.getInt("tokens"));
    }
}
