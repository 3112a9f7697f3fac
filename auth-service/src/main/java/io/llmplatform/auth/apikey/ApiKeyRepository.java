package io.llmplatform.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    @Query("select k from ApiKey k where k.keyHash = :hash")
    Optional<ApiKey> findByHash(@Param("hash") byte[] hash);

    @Query("select k from ApiKey k where k.userId = :userId and k.revokedAt is null order by k.createdAt desc")
    List<ApiKey> findActiveOf(@Param("userId") UUID userId);

    @Query("select k from ApiKey k where k.id = :id and k.userId = :userId")
    Optional<ApiKey> findOwned(@Param("id") UUID id, @Param("userId") UUID userId);

    /** Records a use at most once a minute per key, so exchanges do not write on every call. */
    @Modifying
    @Query("""
            update ApiKey k set k.lastUsedAt = :now
            where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)
            """)
    int touch(@Param("id") UUID id, @Param("now") Instant now, @Param("staleBefore") Instant staleBefore);
}
