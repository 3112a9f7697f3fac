package io.llmplatform.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.gateway.edge.ClientAddresses;
import io.llmplatform.gateway.edge.ConnectionEventLoop;
import io.llmplatform.gateway.routing.RoutingProperties.RateLimit;
import io.llmplatform.gateway.security.EdgeCaller;
import io.llmplatform.support.PlatformException;
import io.micrometer.core.instrument.Counter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes a token from the caller's bucket for this route class (per API key, else per user, else per client IP) and
 * reports the bucket on every response ({@code X-RateLimit-Reset}: seconds until it is full again); an empty bucket
 * is 429 {@code rate_limited} with {@code Retry-After}.
 */
final class RateLimitFilter implements GatewayFilter {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private final String routeClass;
    private final RateLimit limit;
    private final String limitHeader;
    private final TokenBuckets buckets;
    private final ClientAddresses clientAddresses;
    private final Counter allowed;
    private final Counter rejected;

    RateLimitFilter(String routeClass, RateLimit limit, TokenBuckets buckets, ClientAddresses clientAddresses,
            Counter allowed, Counter rejected) {
        this.routeClass = routeClass + ':';
        this.limit = limit;
        this.limitHeader = Integer.toString(limit.limit());
        this.buckets = buckets;
        this.clientAddresses = clientAddresses;
        this.allowed = allowed;
        this.rejected = rejected;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        EdgeCaller caller = exchange.getAttribute(EdgeCaller.ATTRIBUTE);
        String key = routeClass + (caller != null ? caller.rateLimitKey() : "ip:" + clientAddresses.of(exchange));
        // A decision from Redis arrives on a Redis client thread.
        return ConnectionEventLoop.resumeOn(exchange, buckets.tryConsume(key, limit))
                .flatMap(decision -> apply(decision, exchange, chain));
    }

    private Mono<Void> apply(ConsumptionProbe decision, ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, limitHeader);
        headers.set(REMAINING, Long.toString(decision.getRemainingTokens()));
        headers.set(RESET, Long.toString(ceilSeconds(decision.getNanosToWaitForReset())));
        if (decision.isConsumed()) {
            allowed.increment();
            return chain.filter(exchange);
        }
        rejected.increment();
        String retryAfter = Long.toString(Math.max(1, ceilSeconds(decision.getNanosToWaitForRefill())));
        return Mono.error(new PlatformException(ErrorCode.RATE_LIMITED,
                "Too many requests; retry in " + retryAfter + " s").withHeader(HttpHeaders.RETRY_AFTER, retryAfter));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999) / 1_000_000_000;
    }
}
