package io.llmplatform.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Guards the calls to one service with its breaker and turns failures to reach it into the platform's errors: 503
 * {@code service_unavailable} when it cannot be reached or its breaker is open, 504 {@code gateway_timeout} when its
 * response does not start in time. The call ends for the breaker when the response headers arrive, so a long stream
 * is one quick success, not a slow call.
 */
final class CircuitBreakerFilter implements GatewayFilter {

    private final CircuitBreaker breaker;
    private final String retryAfterSeconds;

    CircuitBreakerFilter(CircuitBreaker breaker) {
        this.breaker = breaker;
        long waitSeconds = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1) / 1000;
        this.retryAfterSeconds = Long.toString(Math.max(1, waitSeconds));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(this::translate);
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return new PlatformException(ErrorCode.SERVICE_UNAVAILABLE,
                    breaker.getName() + " is failing; the gateway stopped calling it for now")
                    .withHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        if (DownstreamFailures.isTimeout(failure)) {
            return new PlatformException(ErrorCode.GATEWAY_TIMEOUT,
                    breaker.getName() + " did not answer in time", null, failure);
        }
        if (DownstreamFailures.isUnreachable(failure)) {
            return new PlatformException(ErrorCode.SERVICE_UNAVAILABLE,
                    breaker.getName() + " cannot be reached right now", null, failure);
        }
        return failure;
    }
}
