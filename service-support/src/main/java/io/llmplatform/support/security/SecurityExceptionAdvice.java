package io.llmplatform.support.security;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.servlet.ServletErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Method security ({@code @PreAuthorize}) fails inside Spring MVC, where the catch-all error handler would otherwise
 * turn the denial into a 500; this advice runs first and answers 403. The firewall checks some values only when the
 * application reads them (a header's): those refusals surface here too, and get the firewall's 400.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
final class SecurityExceptionAdvice {

    private final ServletErrorResponses responses;

    SecurityExceptionAdvice(ServletErrorResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(AccessDeniedException.class)
    void denied(HttpServletRequest request, HttpServletResponse response) throws IOException {
        responses.write(ApiError.of(ErrorCode.FORBIDDEN, "Your roles do not allow this"), request, response);
    }

    @ExceptionHandler(RequestRejectedException.class)
    void rejected(HttpServletRequest request, HttpServletResponse response) throws IOException {
        responses.write(ApiError.requestRejected(), request, response);
    }
}
