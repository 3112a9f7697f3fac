package io.llmplatform.gateway.security;

import io.llmplatform.contracts.auth.TokenClaims;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who an authenticated request is, as the rest of the gateway needs it: for rate limits, the access log and the
 * {@code Authorization} header forwarded to services. Kept in the exchange's attributes under {@link #ATTRIBUTE}.
 *
 * @param userId the token's subject
 * @param apiKeyId set when the caller authenticated with an API key
 * @param forwardedAuthorization {@code Bearer} and the validated access token: what services receive
 * @param rateLimitKey the caller's bucket: per API key for programs, else per user
 */
public record EdgeCaller(String userId, String apiKeyId, String forwardedAuthorization, String rateLimitKey) {

    public static final String ATTRIBUTE = EdgeCaller.class.getName();

    static EdgeCaller of(Jwt token) {
        String apiKeyId = token.getClaimAsString(TokenClaims.API_KEY_ID);
        String userId = token.getSubject();
        return new EdgeCaller(userId, apiKeyId, "Bearer " + token.getTokenValue(),
                apiKeyId != null ? "key:" + apiKeyId : "user:" + userId);
    }

    @Override
    public String toString() {
        return "EdgeCaller[userId=" + userId + ", apiKeyId=" + apiKeyId + "]";
    }
}
