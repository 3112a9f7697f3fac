package io.llmplatform.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.llmplatform.gateway.routing.RoutingProperties.RateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets in Redis, shared by every gateway replica. Fails open, deliberately: when Redis does not answer within
 * {@code timeout} (or cannot be connected to), this replica decides with its own in-process buckets, so a Redis
 * outage never refuses traffic and each replica still enforces every limit alone (a caller may then get up to the
 * limit once per replica). The {@code rateLimiterStore} health component and
 * {@code platform.gateway.rate_limit.store.errors} show it.
 */
final class RedisTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final Mono<AsyncProxyManager<String>> store;
    private final TokenBuckets fallback;
    private final Duration timeout;
    private final Counter storeErrors;
    private final AtomicBoolean degraded = new AtomicBoolean();

    /**
     * @param connect opens the store; it is called on first use, and again {@code reconnectPause} after a failure
     *     (once connected, Lettuce reconnects by itself)
     */
    RedisTokenBuckets(Callable<AsyncProxyManager<String>> connect, TokenBuckets fallback, Duration timeout,
            Duration reconnectPause, MeterRegistry meters) {
        this.store = Mono.fromCallable(connect)
                .subscribeOn(Schedulers.boundedElastic())
                .cache(connected -> FOREVER, failure -> reconnectPause, () -> Duration.ZERO);
        this.fallback = fallback;
        this.timeout = timeout;
        this.storeErrors = Counter.builder("platform.gateway.rate_limit.store.errors")
                .description("Rate limit decisions taken by one replica alone because Redis did not answer")
                .register(meters);
    }

    /** Starts connecting now, so that the first requests need not decide alone while it does. */
    RedisTokenBuckets connectInBackground() {
        store.subscribe(connected -> { }, failure -> log.warn("Cannot connect to Redis yet: {}", failure.toString()));
        return this;
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String key, RateLimit limit) {
        return store
                .flatMap(buckets -> Mono.fromFuture(() -> buckets.builder()
                        .build(key, () -> CompletableFuture.completedFuture(TokenBuckets.configurationOf(limit)))
                        .tryConsumeAndReturnRemaining(1), true))
                .timeout(timeout)
                .doOnNext(shared -> recovered())
                .onErrorResume(failure -> decideLocally(key, limit, failure));
    }

    private void recovered() {
        if (degraded.compareAndSet(true, false)) {
            log.info("Rate limits are shared through Redis again");
        }
    }

    private Mono<ConsumptionProbe> decideLocally(String key, RateLimit limit, Throwable failure) {
        storeErrors.increment();
        if (degraded.compareAndSet(false, true)) {
            log.warn("Redis does not answer; each gateway replica enforces rate limits alone until it does: {}",
                    failure.toString());
        }
        return fallback.tryConsume(key, limit);
    }
}
