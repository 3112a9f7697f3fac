package io.llmplatform.auth.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The refresh tokens descended from one login. Revoking the family ends that session everywhere. */
@Entity
@Table(name = "refresh_token_families")
class RefreshTokenFamily {

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_reason")
    private String revokedReason;

    protected RefreshTokenFamily() {
    }

    RefreshTokenFamily(UUID userId, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void revoke(String reason, Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedReason = reason;
        }
    }
}
