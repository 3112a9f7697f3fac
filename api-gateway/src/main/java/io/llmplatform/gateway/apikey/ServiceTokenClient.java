package io.llmplatform.gateway.apikey;

import io.llmplatform.contracts.auth.AccessToken;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The gateway's own access token (client credentials, role {@code SERVICE}) for calling auth-service's internal key
 * exchange. One token is shared by all requests and fetched again shortly before it expires, or at once when
 * auth-service stops accepting it.
 */
final class ServiceTokenClient {

    private static final Duration MAX_EARLY_REFRESH = Duration.ofSeconds(60);

    private final WebClient http;
    private final ApiKeyProperties properties;
    private final AtomicReference<Mono<String>> current = new AtomicReference<>();

    ServiceTokenClient(WebClient http, ApiKeyProperties properties) {
        this.http = http;
        this.properties = properties;
        this.current.set(fetchOnce());
    }

    Mono<String> token() {
        return current.get();
    }

    /** auth-service refused {@code token}: the next caller fetches a new one (unless someone already did). */
    void invalidate(Mono<String> used) {
        current.compareAndSet(used, fetchOnce());
    }

    private Mono<String> fetchOnce() {
        return Mono.defer(this::fetch)
                .cache(token -> refreshAfter(token.expiresIn()), failure -> Duration.ZERO, () -> Duration.ZERO)
                .map(AccessToken::accessToken);
    }

    private Mono<AccessToken> fetch() {
        return http.post()
                .uri(properties.authServiceUrl().resolve("/oauth2/token"))
                .headers(headers -> headers.setBasicAuth(properties.clientId(),
                        properties.clientSecret() == null ? "" : properties.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .retrieve()
                .bodyToMono(AccessToken.class)
                .timeout(properties.timeout());
    }

    private static Duration refreshAfter(long expiresInSeconds) {
        Duration lifetime = Duration.ofSeconds(expiresInSeconds);
        Duration early = lifetime.dividedBy(10);
        return lifetime.minus(early.compareTo(MAX_EARLY_REFRESH) < 0 ? early : MAX_EARLY_REFRESH);
    }
}
