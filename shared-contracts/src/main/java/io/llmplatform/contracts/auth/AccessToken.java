package io.llmplatform.contracts.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An access token alone, as OAuth 2.0's token endpoint writes it ({@code access_token}, {@code token_type},
 * {@code expires_in} in seconds): the answer to a client-credentials grant and to an API-key exchange.
 */
public record AccessToken(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
