package io.llmplatform.gateway.routing;

import java.io.IOException;
import org.springframework.cloud.gateway.support.TimeoutException;

/** Tells apart the ways a call to a service can fail before its response starts. */
final class DownstreamFailures {

    /** Could not connect, the name does not resolve, or the connection closed before a response: nothing answered. */
    static boolean isUnreachable(Throwable failure) {
        return hasCause(failure, IOException.class);
    }

    /** What the service's breaker counts against it; anything else (a refused body, a bug) is not its fault. */
    static boolean countsAgainstService(Throwable failure) {
        return isUnreachable(failure) || isTimeout(failure);
    }

    /** The service took longer than the route's response timeout to send its response headers. */
    static boolean isTimeout(Throwable failure) {
        return hasCause(failure, TimeoutException.class);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    private DownstreamFailures() {
    }
}
