package io.llmplatform.support.security;

import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.auth.TokenClaims;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user a request acts for, read from its validated access token. A controller method takes it as a parameter.
 * {@code apiKeyId} is set when the user authenticated with an API key (through the gateway's exchange).
 * <p>
 * A platform service calling for a user outside that user's request sends its own token, with the {@code SERVICE}
 * role, and the user in {@link InternalHeaders#USER_ID} (and {@link InternalHeaders#API_KEY_ID}): the caller is
 * then that user, with the {@code USER} role only. Those headers mean nothing on any other token.
 */
public record Caller(UUID userId, Set<String> roles, UUID apiKeyId) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(TokenClaims.ROLE_ADMIN);
    }

    /**
     * The caller of a request with this validated token and these headers; null when it acts for no user (a
     * service acting for itself).
     *
     * @throws IllegalArgumentException when a service names the user it acts for with something other than a UUID
     */
    static Caller of(Jwt jwt, UnaryOperator<String> headers) {
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        String actingFor = headers.apply(InternalHeaders.USER_ID);
        if (actingFor == null || roles == null || !roles.contains(TokenClaims.ROLE_SERVICE)) {
            return fromToken(jwt);
        }
        UUID userId = uuidOrNull(actingFor.strip());
        String apiKey = headers.apply(InternalHeaders.API_KEY_ID);
        UUID apiKeyId = apiKey == null ? null : uuidOrNull(apiKey.strip());
        if (userId == null || (apiKey != null && apiKeyId == null)) {
            throw new IllegalArgumentException(InternalHeaders.USER_ID + " and " + InternalHeaders.API_KEY_ID
                    + " must be UUIDs");
        }
        return new Caller(userId, Set.of(TokenClaims.ROLE_USER), apiKeyId);
    }

    /** Null when the token is not a user's (a service acting for itself has no user id). */
    private static Caller fromToken(Jwt jwt) {
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
