package io.llmplatform.support.feign;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import java.time.Duration;

/**
 * Retries only what is safe to repeat: GET and HEAD calls that did not reach the callee or got a transient 502/503/504
 * answer, never a call refused by an open circuit. Anything it does not retry leaves as a
 * {@link io.llmplatform.support.PlatformException}, so callers deal with one kind of failure.
 */
final class IdempotentRetryer implements Retryer {

    private final int attempts;
    private final Duration backoff;
    private int attempt = 1;

    IdempotentRetryer(int attempts, Duration backoff) {
        this.attempts = attempts;
        this.backoff = backoff;
    }

    static boolean isIdempotent(Request.HttpMethod method) {
        return method == Request.HttpMethod.GET || method == Request.HttpMethod.HEAD;
    }

    @Override
    public void continueOrPropagate(RetryableException failure) {
        boolean circuitOpen = failure.getCause() instanceof CircuitBreakingClient.CircuitOpenException;
        if (attempt++ >= attempts || circuitOpen || !isIdempotent(failure.method())) {
            throw FeignFailures.toPlatform(failure);
        }
        try {
            Thread.sleep(backoff.multipliedBy(attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FeignFailures.toPlatform(failure);
        }
    }

    @Override
    public Retryer clone() {
        return new IdempotentRetryer(attempts, backoff);
    }
}
