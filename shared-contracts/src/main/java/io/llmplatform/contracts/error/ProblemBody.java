package io.llmplatform.contracts.error;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem ({@code application/problem+json}) as every platform API writes it, with the extension
 * members {@code code} (an {@link ErrorCode}), {@code traceId}, {@code requestId} and, for validation failures,
 * the offending {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProblemBody(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String traceId,
        String requestId,
        List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:llm-platform:problem:";

    public static ProblemBody of(ErrorCode code, String detail, String instance, String traceId, String requestId,
            List<FieldViolation> errors) {
        return new ProblemBody(TYPE_PREFIX + code.code(), code.title(), code.status(), detail, instance, code.code(),
                traceId, requestId, errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    /** One rejected field or parameter: its name as the client sent it, and why. */
    public record FieldViolation(String field, String message) {
    }
}
