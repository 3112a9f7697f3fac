package io.llmplatform.support.servlet;

import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ApiErrorMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** The one place a Spring MVC service turns exceptions into error responses. */
@RestControllerAdvice
final class ServletExceptionHandler {

    private final ApiErrorMapper mapper;
    private final ServletErrorResponses responses;

    ServletExceptionHandler(ApiErrorMapper mapper, ServletErrorResponses responses) {
        this.mapper = mapper;
        this.responses = responses;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        // A client that went away, or a response already streaming, can no longer receive an error body.
        if (failure instanceof AsyncRequestNotUsableException || response.isCommitted()) {
            return null;
        }
        ApiError error = failure instanceof MissingServletRequestParameterException missing
                ? ApiError.invalidParameter(missing.getParameterName(), "is required")
                : mapper.map(failure);
        return responses.render(error, request, request.getRequestURI());
    }
}
