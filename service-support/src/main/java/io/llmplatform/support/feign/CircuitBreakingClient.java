package io.llmplatform.support.feign;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One circuit breaker per Feign client (per callee), around the HTTP exchange itself: it counts calls that did not
 * reach the callee or timed out, never the callee's own answers, which say the callee is there. While open, calls
 * fail at once with {@link CircuitOpenException}, which Feign turns into 503 {@code service_unavailable}.
 */
final class CircuitBreakingClient implements Client {

    private final Client delegate;
    private final CircuitBreakerRegistry breakers;

    CircuitBreakingClient(Client delegate, CircuitBreakerRegistry breakers) {
        this.delegate = delegate;
        this.breakers = breakers;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        CircuitBreaker breaker = breakers.circuitBreaker(FeignFailures.calleeOf(request));
        if (!breaker.tryAcquirePermission()) {
            long seconds = Math.max(1, breakers.getDefaultConfig().getWaitIntervalFunctionInOpenState().apply(1)
                    / 1000);
            throw new CircuitOpenException(seconds);
        }
        long started = System.nanoTime();
        try {
            Response response = delegate.execute(request, options);
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return response;
        } catch (IOException | RuntimeException failed) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failed);
            throw failed;
        }
    }

    /** The callee's circuit is open: nothing was sent. */
    static final class CircuitOpenException extends IOException {
        private final long retryAfterSeconds;

        CircuitOpenException(long retryAfterSeconds) {
            super("circuit open");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
