package io.llmplatform.support;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id every hop logs and echoes in {@value #HEADER}. A caller's id is kept when it is a plain token, so
 * clients can correlate; anything else (absent, too long, odd characters that could forge log lines) is replaced.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key, so structured log lines carry the id. */
    public static final String MDC_KEY = "requestId";
    /** The request or exchange attribute holding the id. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";
    /** The request attribute holding when the request reached the service, on the {@code System.nanoTime()} scale. */
    public static final String RECEIVED_NANOS_ATTRIBUTE = RequestIds.class.getName() + ".receivedNanos";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static String acceptOrGenerate(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    private RequestIds() {
    }
}
