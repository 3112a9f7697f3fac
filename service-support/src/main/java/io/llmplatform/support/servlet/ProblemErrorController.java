package io.llmplatform.support.servlet;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ApiErrorMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel {@code /error} so that failures outside Spring MVC (a filter, the container) still get
 * the platform's error body.
 */
@RestController
final class ProblemErrorController implements ErrorController {

    private final ApiErrorMapper mapper;
    private final ServletErrorResponses responses;

    ProblemErrorController(ApiErrorMapper mapper, ServletErrorResponses responses) {
        this.mapper = mapper;
        this.responses = responses;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ApiError error;
        if (failure instanceof Throwable throwable) {
            error = mapper.map(throwable);
        } else if (status instanceof Integer code) {
            ErrorCode errorCode = ErrorCode.forStatus(code);
            error = ApiError.of(errorCode, errorCode.title());
        } else {
            error = ApiError.of(ErrorCode.NOT_FOUND, "No resource at this path");
        }
        return responses.render(error, request, path != null ? path.toString() : request.getRequestURI());
    }
}
