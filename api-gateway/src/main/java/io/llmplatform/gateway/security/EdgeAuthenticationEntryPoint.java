package io.llmplatform.gateway.security;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request that is not authenticated with the platform's error (OpenAI's shape under {@code /v1/}), through
 * the one error handler: 401 {@code unauthorized} without a token, 401 {@code invalid_token} with a bad one, both with
 * RFC 6750's {@code WWW-Authenticate}; 503 when a token cannot be checked because auth-service's keys are out of reach.
 */
final class EdgeAuthenticationEntryPoint implements ServerAuthenticationEntryPoint, ServerAuthenticationFailureHandler {

    private static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\", "
            + "error_description=\"The access token is invalid or has expired\", "
            + "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"";

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException) {
            return Mono.error(new PlatformException(ErrorCode.INVALID_TOKEN,
                    "The access token is invalid or has expired")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE));
        }
        return Mono.error(new PlatformException(ErrorCode.UNAUTHORIZED, "This endpoint needs an access token")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            return Mono.error(new PlatformException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Access tokens cannot be validated right now; retry shortly", null, failure)
                    .withHeader(HttpHeaders.RETRY_AFTER, "5"));
        }
        return commence(exchange.getExchange(), failure);
    }
}
