package io.llmplatform.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.llmplatform.support.security.AccessTokenValidation;
import java.time.Clock;
import java.time.Duration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * Checks access tokens (signature, expiry, issuer, audience: the platform's rules) and remembers each valid one until
 * its {@code exp}, so a client's token is verified once, not on every request. Invalid tokens are not remembered. A
 * token that cannot be checked because the JWKS cannot be read (the decoder's key source failed, which it reports as
 * an {@link IllegalStateException}) is an {@link AuthenticationServiceException} (503).
 */
final class ValidatedAccessTokens {

    private static final Duration LONGEST_REMEMBERED = Duration.ofHours(1);

    private final ReactiveJwtDecoder decoder;
    private final Converter<Jwt, AbstractAuthenticationToken> roles = AccessTokenValidation.authenticationConverter();
    private final Cache<String, EdgeAuthentication> validated;
    private final Clock clock;

    ValidatedAccessTokens(ReactiveJwtDecoder decoder, long maxTokens, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        // Upkeep on the calling thread: a hop to the common pool per request costs more than the upkeep.
        this.validated = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(maxTokens)
                .expireAfter(Expiry.creating((String token, EdgeAuthentication authentication) -> until(authentication)))
                .build();
    }

    Mono<EdgeAuthentication> authenticate(String token) {
        EdgeAuthentication known = validated.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return Mono.just(known);
        }
        return Mono.defer(() -> decoder.decode(token))
                .map(jwt -> {
                    EdgeAuthentication authentication = new EdgeAuthentication(jwt, roles.convert(jwt).getAuthorities());
                    validated.put(token, authentication);
                    return authentication;
                })
                .onErrorMap(JwtException.class, ValidatedAccessTokens::failure)
                // What the decoder reports when the key source failed: the token could not be checked at all.
                .onErrorMap(IllegalStateException.class, failure -> new AuthenticationServiceException(
                        "Access tokens cannot be checked right now", failure));
    }

    private Duration until(EdgeAuthentication authentication) {
        Duration remaining = Duration.between(clock.instant(), authentication.expiresAt());
        if (remaining.isNegative()) {
            return Duration.ZERO;
        }
        return remaining.compareTo(LONGEST_REMEMBERED) > 0 ? LONGEST_REMEMBERED : remaining;
    }

    private static AuthenticationException failure(JwtException failure) {
        return new InvalidBearerTokenException(failure.getMessage(), failure);
    }
}
