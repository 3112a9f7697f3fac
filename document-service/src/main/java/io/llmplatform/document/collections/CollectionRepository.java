package io.llmplatform.document.collections;

import io.llmplatform.contracts.documents.CollectionView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's collections; a name is unique per owner. */
@Repository
public class CollectionRepository {

    private static final String VIEW = """
            select c.id, c.name, c.created_at,
                   (select count(*) from documents d where d.collection_id = c.id and d.deleted_at is null) as documents
              from collections c
            """;

    private final JdbcClient jdbc;

    CollectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner's collection of that name, created if it does not exist yet (concurrent callers agree on one). */
    public UUID idOf(UUID ownerId, String name, Instant now) {
        create(UUID.randomUUID(), ownerId, name, now);
        return jdbc.sql("select id from collections where owner_id = :owner and name = :name")
                .param("owner", ownerId).param("name", name).query(UUID.class).single();
    }

    /** False when the owner already has one of that name. */
    boolean create(UUID id, UUID ownerId, String name, Instant now) {
        return jdbc.sql("""
                insert into collections (id, owner_id, name, created_at) values (:id, :owner, :name, :now)
                on conflict (owner_id, name) do nothing
                """).param("id", id).param("owner", ownerId).param("name", name)
                .param("now", now.atOffset(ZoneOffset.UTC)).update() == 1;
    }

    List<CollectionView> list(UUID ownerId) {
        return jdbc.sql(VIEW + " where c.owner_id = :owner order by c.name").param("owner", ownerId)
                .query(CollectionRepository::view).list();
    }

    Optional<CollectionView> find(UUID ownerId, UUID id) {
        return jdbc.sql(VIEW + " where c.owner_id = :owner and c.id = :id").param("owner", ownerId).param("id", id)
                .query(CollectionRepository::view).optional();
    }

    /** The ids of every document in the collection, deleted or not yet. */
    List<UUID> documentIds(UUID id) {
        return jdbc.sql("select id from documents where collection_id = :id").param("id", id).query(UUID.class)
                .list();
    }

    void delete(UUID ownerId, UUID id) {
        jdbc.sql("delete from collections where id = :id and owner_id = :owner").param("id", id)
                .param("owner", ownerId).update();
    }

    private static CollectionView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CollectionView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("documents"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
