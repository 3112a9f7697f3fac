package io.llmplatform.support;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * A failure the caller should see as-is: its {@link ErrorCode} decides the HTTP status and the stable code in the
 * error body, its message becomes the body's {@code detail}. {@code param} names the offending input, if one.
 */
public class PlatformException extends RuntimeException {

    private final ErrorCode code;
    private final String param;
    private final HttpHeaders headers = new HttpHeaders();

    public PlatformException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public PlatformException(ErrorCode code, String message, String param) {
        this(code, message, param, null);
    }

    public PlatformException(ErrorCode code, String message, String param, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.param = param;
    }

    /**
     * 400 {@code validation_failed} for one input, reported like Bean Validation's violations: {@code field} is the
     * name the client used ({@code page}, {@code messages[0].content}), {@code problem} what is wrong with it.
     */
    public static PlatformException invalidField(String field, String problem) {
        return new InvalidField(field, problem);
    }

    /** The fields this failure rejects, each with its problem; empty unless it is a validation failure. */
    public List<FieldViolation> violations() {
        return List.of();
    }

    public ErrorCode code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** Response headers the failure implies, such as {@code Retry-After}. */
    public HttpHeaders headers() {
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    public PlatformException withHeader(String name, String value) {
        headers.set(name, value);
        return this;
    }

    private static final class InvalidField extends PlatformException {

        private final FieldViolation violation;

        InvalidField(String field, String problem) {
            super(ErrorCode.VALIDATION_FAILED, "'" + field + "' " + problem, field);
            this.violation = new FieldViolation(field, problem);
        }

        @Override
        public List<FieldViolation> violations() {
            return List.of(violation);
        }
    }
}
