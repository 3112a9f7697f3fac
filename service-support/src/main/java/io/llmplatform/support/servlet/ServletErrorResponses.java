package io.llmplatform.support.servlet;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ErrorBody;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

/** Renders an {@link ApiError} for a servlet request, with its trace and request ids. */
final class ServletErrorResponses {

    private final ErrorBodyFactory bodies;
    private final TraceIds traceIds;

    ServletErrorResponses(ErrorBodyFactory bodies, TraceIds traceIds) {
        this.bodies = bodies;
        this.traceIds = traceIds;
    }

    ResponseEntity<Object> render(ApiError error, HttpServletRequest request, String path) {
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
        ErrorBody body = bodies.create(error, path, traceIds.current(),
                requestId != null ? requestId.toString() : null);
        return ResponseEntity.status(body.status())
                .headers(error.headers())
                .contentType(body.contentType())
                .body(body.body());
    }
}
