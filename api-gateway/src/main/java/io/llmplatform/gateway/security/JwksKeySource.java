package io.llmplatform.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * auth-service's signing keys, read from its JWKS and kept. Spring Security's reactive JWKS source refetches on
 * every unknown key id; this one reads the JWKS at most once per {@code minRefreshInterval}, so tokens with made-up
 * key ids cannot turn the gateway against auth-service:
 * <ul>
 *   <li>a token naming an unknown key (a rotation) waits for one read of the JWKS;</li>
 *   <li>keys older than {@code refreshInterval} keep verifying while they are read again in the background, so a
 *       slow or failing auth-service never delays requests whose keys are known;</li>
 *   <li>only when no keys were ever read does a failed read fail the token (503); until the first read succeeds
 *       (auth-service starting beside the gateway), a read may start every {@link #WITHOUT_KEYS_INTERVAL}.</li>
 * </ul>
 */
final class JwksKeySource {

    private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);
    static final Duration WITHOUT_KEYS_INTERVAL = Duration.ofSeconds(1);

    private final WebClient http;
    private final URI jwksUri;
    private final Duration refreshInterval;
    private final Duration minRefreshInterval;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<Keys> known = new AtomicReference<>();
    private final AtomicReference<Instant> lastRead = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Mono<Keys>> reading = new AtomicReference<>();

    JwksKeySource(WebClient http, URI jwksUri, TokenValidationProperties properties, Clock clock) {
        this.http = http;
        this.jwksUri = jwksUri;
        this.refreshInterval = properties.jwksRefreshInterval();
        this.minRefreshInterval = properties.jwksMinRefreshInterval();
        this.timeout = properties.jwksTimeout();
        this.clock = clock;
    }

    Flux<JWK> keysFor(SignedJWT token) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
        Keys current = known.get();
        if (current == null) {
            return readIfAllowed(WITHOUT_KEYS_INTERVAL).switchIfEmpty(Mono.error(() -> new IllegalStateException(
                    "auth-service's JWKS could not be read yet"))).flatMapIterable(keys -> keys.select(selector));
        }
        List<JWK> matching = current.select(selector);
        if (!matching.isEmpty()) {
            if (current.olderThan(refreshInterval, clock.instant())) {
                readIfAllowed().subscribe(keys -> { }, failure -> { });
            }
            return Flux.fromIterable(matching);
        }
        return readIfAllowed().onErrorResume(failure -> Mono.empty()).flatMapIterable(keys -> keys.select(selector));
    }

    /** Reads the keys ahead of the first request, so it does not wait for them. */
    void warmUp() {
        readIfAllowed().subscribe(keys -> { }, failure -> { });
    }

    private Mono<Keys> readIfAllowed() {
        return readIfAllowed(minRefreshInterval);
    }

    /** The JWKS read now, or joined if a read is running; empty when the last read started too recently. */
    private Mono<Keys> readIfAllowed(Duration minInterval) {
        Mono<Keys> running = reading.get();
        if (running != null) {
            return running;
        }
        Instant now = clock.instant();
        Instant previous = lastRead.get();
        if (previous.plus(minInterval).isAfter(now) || !lastRead.compareAndSet(previous, now)) {
            Mono<Keys> started = reading.get();
            return started != null ? started : Mono.empty();
        }
        Mono<Keys> read = http.get().uri(jwksUri).retrieve().bodyToMono(String.class)
                .timeout(timeout)
                .map(this::parse)
                .doOnNext(known::set)
                .doOnError(failure -> log.warn("Cannot read auth-service's JWKS at {}: {}", jwksUri,
                        failure.toString()))
                .doOnTerminate(() -> reading.set(null))
                .doOnCancel(() -> reading.set(null))
                .cache();
        reading.set(read);
        return read;
    }

    private Keys parse(String jwks) {
        try {
            return new Keys(JWKSet.parse(jwks), clock.instant());
        } catch (ParseException e) {
            throw new IllegalStateException("auth-service's JWKS is not a JWK set", e);
        }
    }

    private record Keys(JWKSet set, Instant readAt) {

        List<JWK> select(JWKSelector selector) {
            return selector.select(set);
        }

        boolean olderThan(Duration age, Instant now) {
            return readAt.plus(age).isBefore(now);
        }
    }
}
