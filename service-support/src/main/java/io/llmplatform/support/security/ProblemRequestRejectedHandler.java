package io.llmplatform.support.security;

import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.servlet.ServletErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 400 {@code request_rejected} in the platform's error body for what the request firewall refuses (path traversal,
 * encoded slashes, {@code ;}, backslashes, NUL, control characters in headers), where Spring Security's own handler
 * answers with an empty body.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private final ServletErrorResponses responses;

    ProblemRequestRejectedHandler(ServletErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        responses.write(ApiError.requestRejected(), request, response);
    }
}
