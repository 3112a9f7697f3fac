package io.llmplatform.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers each access token that passed validation until its {@code exp}, so a client that sends the same token on
 * every request has its signature verified once (an ES256 verification costs more CPU than the rest of a proxied
 * request). Tokens that fail are not remembered; a changed token is a different key, so tampering is always seen.
 * The one thing this gives up: a token signed by a key that auth-service withdraws from its JWKS keeps working here
 * until it expires, as it would in any service that already read it (access tokens live minutes).
 */
public final class RememberingJwtDecoder implements JwtDecoder {

    private static final Duration LONGEST_REMEMBERED = Duration.ofHours(1);

    private final JwtDecoder decoder;
    private final Cache<String, Jwt> validated;
    private final Clock clock;

    public RememberingJwtDecoder(JwtDecoder decoder, long maxTokens, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        // Upkeep on the calling thread: a hop to the common pool per request costs more than the upkeep.
        this.validated = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(maxTokens)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = validated.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        validated.put(token, jwt);
        return jwt;
    }

    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration remaining = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
        if (remaining.isNegative()) {
            return Duration.ZERO;
        }
        return remaining.compareTo(LONGEST_REMEMBERED) > 0 ? LONGEST_REMEMBERED : remaining;
    }
}
