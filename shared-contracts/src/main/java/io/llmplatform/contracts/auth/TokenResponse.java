package io.llmplatform.contracts.auth;

import java.time.Instant;

/**
 * Tokens for a signed-in user: a short-lived JWT to send as {@code Authorization: Bearer}, and an opaque refresh
 * token that works once. {@code expiresIn} is the access token's lifetime in seconds.
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
        Instant refreshTokenExpiresAt) {

    public static final String BEARER = "Bearer";

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
