package io.llmplatform.support;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * A failure the caller should see as-is: its {@link ErrorCode} decides the HTTP status and the stable code in the
 * error body, its message becomes the body's {@code detail}. {@code param} names the offending input, if one;
 * {@code violations}, each offending field of an input with several.
 */
public class PlatformException extends RuntimeException {

    private final ErrorCode code;
    private final String param;
    private final HttpHeaders headers = new HttpHeaders();
    private final List<FieldViolation> violations = new ArrayList<>();

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
        return new PlatformException(ErrorCode.VALIDATION_FAILED, "'" + field + "' " + problem, field)
                .withViolations(List.of(new FieldViolation(field, problem)));
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

    public List<FieldViolation> violations() {
        return List.copyOf(violations);
    }

    public PlatformException withViolations(List<FieldViolation> fields) {
        violations.addAll(fields);
        return this;
    }
}
