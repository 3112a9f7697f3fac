package io.llmplatform.support.feign;

import feign.Request;
import feign.RetryableException;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.http.HttpHeaders;

/** What a caller sees of a call that failed without an answer: 503 for an unreachable callee, 504 for a slow one. */
final class FeignFailures {

    static final String RETRY_AFTER_SECONDS = "2";

    static PlatformException toPlatform(RetryableException failure) {
        if (failure.getCause() instanceof PlatformException answered) {
            return answered;
        }
        String callee = calleeOf(failure.request());
        if (failure.getCause() instanceof CircuitBreakingClient.CircuitOpenException open) {
            return new PlatformException(ErrorCode.SERVICE_UNAVAILABLE, callee + " is failing; calls to it are "
                    + "paused for a few seconds", null, open)
                    .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(open.retryAfterSeconds()));
        }
        if (failure.getCause() instanceof SocketTimeoutException || failure.getCause() instanceof HttpTimeoutException) {
            return new PlatformException(ErrorCode.GATEWAY_TIMEOUT, callee + " did not answer in time", null, failure);
        }
        return new PlatformException(ErrorCode.SERVICE_UNAVAILABLE, callee + " cannot be reached", null, failure)
                .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    /** The Feign client's name, which is the callee's service name. */
    static String calleeOf(Request request) {
        if (request != null && request.requestTemplate() != null && request.requestTemplate().feignTarget() != null) {
            return request.requestTemplate().feignTarget().name();
        }
        return "the called service";
    }

    private FeignFailures() {
    }
}
