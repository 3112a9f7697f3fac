package io.llmplatform.gateway.apikey;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Gives the access token that stands for a program's API key. auth-service's answer for a key (a token, or a
 * refusal) is remembered by the key's SHA-256 for {@code cacheTtl}, never past the token's own expiry, and concurrent
 * requests with the same key share one exchange. So a revoked key keeps working for at most {@code cacheTtl} on each
 * replica; a key that keeps failing costs auth-service one call per {@code cacheTtl}. A granted answer in use is
 * exchanged again in its last quarter, in the background: requests never wait for a key's exchange after its first
 * (they did, every {@code cacheTtl}, for tens of milliseconds), and a revocation found by that exchange applies at once.
 */
public final class ApiKeyExchange {

    private static final int MAX_KEY_LENGTH = 200;
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    private static final String INVALID_TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", error_description=\"The API key is not valid\"";

    private final ApiKeyExchangeClient client;
    private final AsyncCache<String, ExchangeOutcome> outcomes;
    private final Policy.VarExpiration<String, ExchangeOutcome> expiry;
    private final Duration refreshWithin;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    ApiKeyExchange(ApiKeyExchangeClient client, ApiKeyProperties properties, Clock clock, Ticker ticker) {
        this.client = client;
        this.refreshWithin = properties.cacheTtl().dividedBy(4);
        // Upkeep on the calling thread: a hop to the common pool per request costs more than the upkeep.
        this.outcomes = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(properties.maxCachedKeys())
                .expireAfter(new RememberedFor(properties.cacheTtl(), clock))
                .ticker(ticker)
                .buildAsync();
        this.expiry = outcomes.synchronous().policy().expireVariably().orElseThrow();
    }

    /** The access token for {@code apiKey}, or 401 {@code invalid_api_key} / 403 {@code account_disabled}. */
    public Mono<String> accessTokenFor(String apiKey) {
        if (apiKey.length() > MAX_KEY_LENGTH) {
            return Mono.error(refusal(new ExchangeOutcome.Refused(ErrorCode.INVALID_API_KEY,
                    "The API key is not valid, revoked or expired")));
        }
        String fingerprint = ApiKeys.fingerprint(apiKey);
        CompletableFuture<ExchangeOutcome> outcome = outcomes.get(fingerprint,
                (key, executor) -> client.exchange(apiKey).toFuture());
        if (outcome.isDone() && !outcome.isCompletedExceptionally()
                && outcome.join() instanceof ExchangeOutcome.Granted) {
            refreshIfDue(fingerprint, apiKey);
        }
        return Mono.fromFuture(outcome, true)
                // Caffeine forgets a failed exchange too, but only after this caller may have answered and the
                // client tried again: forget it first.
                .doOnError(failure -> outcomes.asMap().remove(fingerprint, outcome))
                .flatMap(ApiKeyExchange::token);
    }

    /** One background exchange per key once its answer is in its last quarter; a failed one leaves the answer be. */
    private void refreshIfDue(String fingerprint, String apiKey) {
        boolean due = expiry.getExpiresAfter(fingerprint)
                .map(left -> left.compareTo(refreshWithin) < 0)
                .orElse(false);
        if (!due || !refreshing.add(fingerprint)) {
            return;
        }
        client.exchange(apiKey).toFuture().whenComplete((fresh, failure) -> {
            if (fresh != null) {
                outcomes.put(fingerprint, CompletableFuture.completedFuture(fresh));
            }
            refreshing.remove(fingerprint);
        });
    }

    private static Mono<String> token(ExchangeOutcome outcome) {
        return switch (outcome) {
            case ExchangeOutcome.Granted granted -> Mono.just(granted.accessToken());
            case ExchangeOutcome.Refused refused -> Mono.error(refusal(refused));
        };
    }

    /**
     * A refused key also closes its connection: the program gets nothing more from it until it reconnects, and under
     * reactor-netty 1.3.6 the next request on a connection whose key auth-service refused sometimes went unread
     * (KeepAliveTest; see the edge package's ConnectionEventLoop).
     */
    private static PlatformException refusal(ExchangeOutcome.Refused refused) {
        PlatformException failure = new PlatformException(refused.code(), refused.message())
                .withHeader(HttpHeaders.CONNECTION, "close");
        return refused.code().status() == 401
                ? failure.withHeader(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE) : failure;
    }

    private record RememberedFor(Duration ttl, Clock clock) implements Expiry<String, ExchangeOutcome> {

        @Override
        public long expireAfterCreate(String fingerprint, ExchangeOutcome outcome, long currentTime) {
            if (outcome instanceof ExchangeOutcome.Granted granted) {
                Duration usable = Duration.between(clock.instant(), granted.expiresAt()).minus(EXPIRY_MARGIN);
                return Math.max(0, Math.min(ttl.toNanos(), usable.toNanos()));
            }
            return ttl.toNanos();
        }

        @Override
        public long expireAfterUpdate(String fingerprint, ExchangeOutcome outcome, long currentTime,
                long currentDuration) {
            return expireAfterCreate(fingerprint, outcome, currentTime);
        }

        @Override
        public long expireAfterRead(String fingerprint, ExchangeOutcome outcome, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
