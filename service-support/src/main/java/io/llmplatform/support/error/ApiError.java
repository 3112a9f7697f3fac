package io.llmplatform.support.error;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * What went wrong, before it is written in the shape the caller's API uses. {@code headers} carries response headers
 * the error implies, such as {@code Allow} for a 405.
 */
public record ApiError(ErrorCode code, String message, String param, List<FieldViolation> violations,
        HttpHeaders headers) {

    public ApiError {
        violations = violations == null ? List.of() : List.copyOf(violations);
        headers = headers == null ? HttpHeaders.EMPTY : headers;
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message, null, List.of(), null);
    }

    public static ApiError of(ErrorCode code, String message, String param) {
        return new ApiError(code, message, param, List.of(), null);
    }

    /**
     * 400 {@code request_rejected}: the request firewall refused the request before any route saw it. Its reason is
     * not echoed, since the firewall's message can quote a header's value.
     */
    public static ApiError requestRejected() {
        return of(ErrorCode.REQUEST_REJECTED, "The request was refused: its path or headers hold characters the "
                + "platform does not accept (such as '..', an encoded '/' or '\\', ';' or a control character)");
    }

    public static ApiError validationFailed(List<FieldViolation> violations) {
        String message = violations.size() == 1 ? "1 field is invalid" : violations.size() + " fields are invalid";
        return new ApiError(ErrorCode.VALIDATION_FAILED, message, null, violations, null);
    }

    public static ApiError invalidParameter(String name, String problem) {
        return validationFailed(List.of(new FieldViolation(name, problem)));
    }

    public ApiError withHeaders(HttpHeaders headers) {
        return new ApiError(code, message, param, violations, headers);
    }
}
