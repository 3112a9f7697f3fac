package io.llmplatform.support.servlet;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ErrorBody;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.limits.RequestLimits;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for what it refuses before the application sees the request (a request line or headers over
 * {@code server.max-http-request-header-size}, an encoded slash, a malformed request line): the platform's error
 * body instead of Tomcat's HTML page, in the shape of the request's path when Tomcat read that far. Tomcat answers
 * 400 for all of these; an oversized request becomes 414 when the request line itself was cut short, else 431.
 */
final class PlatformErrorReportValve extends ErrorReportValve {

    /** Tomcat's own message for a request that does not fit its header buffer, in the JVM's locale. */
    private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    private final ErrorBodyFactory bodies;
    private final JsonMapper json;

    PlatformErrorReportValve(ErrorBodyFactory bodies, JsonMapper json) {
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String path = request.getRequestURI();
        ApiError error = classify(response.getStatus(), failure, path == null || path.isEmpty());
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        ErrorBody body = bodies.create(error, path, null, requestId);
        try {
            byte[] bytes = json.writeValueAsBytes(body.body());
            response.setStatus(body.status());
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType(body.contentType().toString());
            response.setContentLength(bytes.length);
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException | IllegalStateException clientGone) {
            // Nothing more can be said to a client whose connection broke.
        }
    }

    static ApiError classify(int status, Throwable failure, boolean requestLineUnread) {
        if (status == 400 && failure != null && HEADER_TOO_LARGE.equals(failure.getMessage())) {
            return requestLineUnread ? RequestLimits.URI_OVER_SERVER_CEILING
                    : RequestLimits.HEADERS_OVER_SERVER_CEILING;
        }
        if (status == 400) {
            return ApiError.of(ErrorCode.REQUEST_REJECTED, "The request was refused before it reached the service: "
                    + "a malformed request line, an encoded '/' or '\\' in the path, or a malformed header");
        }
        ErrorCode code = ErrorCode.forStatus(status);
        return ApiError.of(code, code.title());
    }
}
