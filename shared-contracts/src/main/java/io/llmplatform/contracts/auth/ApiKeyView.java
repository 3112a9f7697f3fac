package io.llmplatform.contracts.auth;

import java.time.Instant;
import java.util.UUID;

/** An API key as listed: its masked prefix, never the secret. */
public record ApiKeyView(UUID id, String name, String prefix, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt) {
}
