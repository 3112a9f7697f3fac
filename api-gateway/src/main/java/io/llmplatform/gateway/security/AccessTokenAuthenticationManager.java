package io.llmplatform.gateway.security;

import io.llmplatform.gateway.apikey.ApiKeyExchange;
import io.llmplatform.gateway.apikey.ApiKeys;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * A bearer token is either an access token (a JWT) or a program's API key ({@code sk-...}), which is exchanged at
 * auth-service for an access token first. Either way the request goes on with a validated access token.
 */
final class AccessTokenAuthenticationManager implements ReactiveAuthenticationManager {

    private final ValidatedAccessTokens accessTokens;
    private final ApiKeyExchange apiKeys;

    AccessTokenAuthenticationManager(ValidatedAccessTokens accessTokens, ApiKeyExchange apiKeys) {
        this.accessTokens = accessTokens;
        this.apiKeys = apiKeys;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String bearer = ((BearerTokenAuthenticationToken) authentication).getToken();
        Mono<EdgeAuthentication> authenticated = ApiKeys.isApiKey(bearer)
                ? apiKeys.accessTokenFor(bearer).flatMap(accessTokens::authenticate)
                : accessTokens.authenticate(bearer);
        return authenticated.cast(Authentication.class);
    }
}
