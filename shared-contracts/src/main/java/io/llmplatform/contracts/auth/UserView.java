package io.llmplatform.contracts.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
public record UserView(
        UUID id,
        String email,
        String username,
        Set<String> roles,
        String status,
        long monthlyTokenLimit,
        Instant createdAt,
        Instant updatedAt) {
}
