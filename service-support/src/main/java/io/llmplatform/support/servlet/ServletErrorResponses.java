package io.llmplatform.support.servlet;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ErrorBody;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an {@link ApiError} for a servlet request, with its trace and request ids: as a response entity from MVC,
 * or written straight to the response from a filter (security).
 */
public final class ServletErrorResponses {

    private final ErrorBodyFactory bodies;
    private final TraceIds traceIds;
    private final JsonMapper json;

    ServletErrorResponses(ErrorBodyFactory bodies, TraceIds traceIds, JsonMapper json) {
        this.bodies = bodies;
        this.traceIds = traceIds;
        this.json = json;
    }

    ResponseEntity<Object> render(ApiError error, HttpServletRequest request, String path) {
        ErrorBody body = body(error, request, path);
        return ResponseEntity.status(body.status())
                .headers(error.headers())
                .contentType(body.contentType())
                .body(body.body());
    }

    public void write(ApiError error, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorBody body = body(error, request, request.getRequestURI());
        response.setStatus(body.status());
        error.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(body.contentType().toString());
        json.writeValue(response.getOutputStream(), body.body());
    }

    private ErrorBody body(ApiError error, HttpServletRequest request, String path) {
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
        return bodies.create(error, path, traceIds.current(), requestId != null ? requestId.toString() : null);
    }
}
