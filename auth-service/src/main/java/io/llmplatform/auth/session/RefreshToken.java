package io.llmplatform.auth.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One refresh token, known only by its hash. It works once: using it marks it used. */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "family_id")
    private RefreshTokenFamily family;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RefreshToken() {
    }

    RefreshToken(RefreshTokenFamily family, byte[] tokenHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.family = family;
        this.tokenHash = tokenHash.clone();
        this.issuedAt = now;
        this.expiresAt = expiresAt;
    }

    RefreshTokenFamily family() {
        return family;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean used() {
        return usedAt != null;
    }

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void markUsed(Instant now) {
        usedAt = now;
    }
}
