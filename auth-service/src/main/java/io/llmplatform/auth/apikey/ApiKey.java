package io.llmplatform.auth.apikey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A program's key, known by its SHA-256 hash; the prefix ({@code sk-} and a few characters) identifies it. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    private String name;

    private String prefix;

    @Column(name = "key_hash")
    private byte[] keyHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(UUID userId, String name, String prefix, byte[] keyHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash.clone();
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    String name() {
        return name;
    }

    String prefix() {
        return prefix;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    boolean usable(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    void usedAt(Instant now) {
        lastUsedAt = now;
    }
}
