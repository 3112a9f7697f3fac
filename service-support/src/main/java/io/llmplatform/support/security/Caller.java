package io.llmplatform.support.security;

import io.llmplatform.contracts.auth.TokenClaims;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user a request acts for, read from its validated access token. A controller method takes it as a parameter.
 * {@code apiKeyId} is set when the user authenticated with an API key (through the gateway's exchange).
 */
public record Caller(UUID userId, Set<String> roles, UUID apiKeyId) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(TokenClaims.ROLE_ADMIN);
    }

    /** Null when the token is not a user's (a service acting for itself has no user id). */
    static Caller fromToken(Jwt jwt) {
        UUID userId = uuidOrNull(jwt.getSubject());
        if (userId == null) {
            return null;
        }
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        return new Caller(userId, roles == null ? Set.of() : Set.copyOf(roles),
                uuidOrNull(jwt.getClaimAsString(TokenClaims.API_KEY_ID)));
    }

    private static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
