package io.llmplatform.support.security;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.servlet.ServletErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code forbidden} in the platform's error body. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ServletErrorResponses responses;

    ProblemAccessDeniedHandler(ServletErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        responses.write(ApiError.of(ErrorCode.FORBIDDEN, "Your roles do not allow this"), request, response);
    }
}
