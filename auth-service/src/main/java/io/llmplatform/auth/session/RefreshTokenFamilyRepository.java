package io.llmplatform.auth.session;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RefreshTokenFamilyRepository extends JpaRepository<RefreshTokenFamily, UUID> {

    @Modifying
    @Query("""
            update RefreshTokenFamily f set f.revokedAt = :now, f.revokedReason = :reason
            where f.userId = :userId and f.revokedAt is null
            """)
    int revokeAllOf(@Param("userId") UUID userId, @Param("reason") String reason, @Param("now") Instant now);
}
