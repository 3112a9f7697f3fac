package io.llmplatform.embedding.usage;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who a call is for and the request it came with.
 *
 * @param receivedNanos when the request arrived, on the {@link System#nanoTime()} scale
 */
public record CallOrigin(Caller caller, String requestId, long receivedNanos) {

    public static CallOrigin of(Caller caller, HttpServletRequest request) {
        return new CallOrigin(caller, (String) request.getAttribute(RequestIds.ATTRIBUTE),
                (long) request.getAttribute(RequestIds.RECEIVED_NANOS_ATTRIBUTE));
    }
}
