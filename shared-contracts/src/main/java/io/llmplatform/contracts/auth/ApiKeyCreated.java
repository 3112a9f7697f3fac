package io.llmplatform.contracts.auth;

import java.time.Instant;
import java.util.UUID;

/** The answer to creating an API key: the only time {@code key} ({@code sk-...}) is shown. */
public record ApiKeyCreated(UUID id, String name, String key, String prefix, Instant createdAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "ApiKeyCreated[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
