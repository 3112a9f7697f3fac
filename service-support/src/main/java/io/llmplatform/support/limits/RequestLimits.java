package io.llmplatform.support.limits;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.error.ApiError;
import java.util.List;
import java.util.Map;

/** The check behind {@link RequestLimitsProperties}, for servlet and reactive services alike. */
public final class RequestLimits {

    /** What the web server itself refuses, past its own ceilings (Tomcat's, Reactor Netty's). */
    public static final ApiError URI_OVER_SERVER_CEILING = ApiError.of(ErrorCode.URI_TOO_LONG,
            "The request URI is longer than the server accepts");
    public static final ApiError HEADERS_OVER_SERVER_CEILING = ApiError.of(ErrorCode.HEADER_TOO_LARGE,
            "The request headers are larger than the server accepts");

    private final long maxUriLength;
    private final long maxHeaderSize;

    public RequestLimits(RequestLimitsProperties properties) {
        this.maxUriLength = properties.maxUriLength().toBytes();
        this.maxHeaderSize = properties.maxHeaderSize().toBytes();
    }

    /** The refusal for a request target of {@code uriLength} characters, or null when it is within the limit. */
    public ApiError checkUri(int uriLength) {
        if (uriLength > maxUriLength) {
            return ApiError.of(ErrorCode.URI_TOO_LONG, "The request URI is " + uriLength
                    + " characters long; at most " + maxUriLength + " are accepted");
        }
        return null;
    }

    /** The refusal for headers whose names and values add up to {@code headerBytes}, or null. */
    public ApiError checkHeaders(long headerBytes) {
        if (headerBytes > maxHeaderSize) {
            return ApiError.of(ErrorCode.HEADER_TOO_LARGE, "The request headers hold " + headerBytes
                    + " bytes; at most " + maxHeaderSize + " are accepted");
        }
        return null;
    }

    /** The size {@link #checkHeaders} counts: every name and value, as characters (headers are ISO-8859-1). */
    public static long sizeOf(Iterable<? extends Map.Entry<String, List<String>>> headers) {
        long size = 0;
        for (Map.Entry<String, List<String>> header : headers) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + value.length();
            }
        }
        return size;
    }
}
