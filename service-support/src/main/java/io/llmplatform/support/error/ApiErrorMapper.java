package io.llmplatform.support.error;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * Turns any exception that reaches the edge of a service into an {@link ApiError} with a stable code. Works for
 * Spring MVC and WebFlux alike, so it names no servlet type: the servlet handler maps those itself. Only unexpected
 * exceptions are logged with their stack trace; the caller never sees one.
 */
public final class ApiErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorMapper.class);

    public ApiError map(Throwable failure) {
        ApiError error = switch (failure) {
            case PlatformException e when !e.violations().isEmpty() -> ApiError.validationFailed(e.violations());
            case PlatformException e -> ApiError.of(e.code(), e.getMessage(), e.param()).withHeaders(e.headers());
            case BindingResult result -> ApiError.validationFailed(FieldNames.violations(result));
            case HandlerMethodValidationException e -> ApiError.validationFailed(FieldNames.violations(e));
            case ConstraintViolationException e -> ApiError.validationFailed(FieldNames.violations(e));
            case HttpMessageNotReadableException e -> JsonReadErrors.describe(e);
            case JacksonException e -> JsonReadErrors.describe(e);
            case MissingRequestValueException e -> ApiError.invalidParameter(e.getName(), "is required");
            case TypeMismatchException e -> ApiError.invalidParameter(e.getPropertyName(), "has an invalid value");
            case MaxUploadSizeExceededException e -> ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The upload is larger than the limit");
            case ServerWebInputException e when e.getCause() != null -> readFailure(e);
            case ErrorResponse e -> fromStatus(e);
            default -> unexpected(failure);
        };
        if (failure instanceof ErrorResponse response && !response.getHeaders().isEmpty()) {
            return error.withHeaders(response.getHeaders());
        }
        return error;
    }

    /** WebFlux wraps body decoding failures (bad JSON) in a {@link ServerWebInputException}. */
    private static ApiError readFailure(ServerWebInputException e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof JacksonException jackson) {
            return JsonReadErrors.describe(jackson);
        }
        return ApiError.of(ErrorCode.MALFORMED_REQUEST, e.getReason() != null ? e.getReason() : "Malformed request");
    }

    private static ApiError fromStatus(ErrorResponse response) {
        ErrorCode code = ErrorCode.forStatus(response.getStatusCode().value());
        String detail = response.getBody().getDetail();
        if (code == ErrorCode.NOT_FOUND) {
            detail = "No resource at this path";
        }
        return ApiError.of(code, detail != null ? detail : code.title());
    }

    private static ApiError unexpected(Throwable failure) {
        log.error("Unexpected failure", failure);
        return ApiError.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; quote the traceId when reporting it");
    }
}
