package io.llmplatform.gateway.security;

import io.llmplatform.support.security.BearerTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The bearer token of the {@code Authorization} header: an access token or an API key, checked later. */
final class BearerTokenConverter implements ServerAuthenticationConverter {

    /** Empty without a bearer header; an error (401 {@code invalid_token}) when it holds no valid token. */
    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> BearerTokens.tokenOf(
                        exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                .map(BearerTokenAuthenticationToken::new);
    }
}
