package io.llmplatform.support.error;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.json.NulCharacterException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Explains an unreadable request body in the client's terms: where the JSON breaks, or which field has a value of
 * the wrong type, or which string holds a NUL character. Never echoes Jackson's message, which names Java classes.
 */
final class JsonReadErrors {

    static ApiError describe(HttpMessageNotReadableException e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof JacksonException jackson) {
            return describe(jackson);
        }
        return ApiError.of(ErrorCode.MALFORMED_REQUEST, "The request body is missing or unreadable");
    }

    static ApiError describe(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NulCharacterException nul) {
                return ApiError.invalidParameter(nul.field(), "must not contain the NUL character (\\u0000)");
            }
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ApiError.of(ErrorCode.MALFORMED_REQUEST,
                    "Field '" + field + "' must be " + jsonType(mismatch.getTargetType()), field);
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return ApiError.of(ErrorCode.MALFORMED_REQUEST, "Malformed JSON at line " + location.getLineNr()
                    + ", column " + location.getColumnNr());
        }
        return ApiError.of(ErrorCode.MALFORMED_REQUEST, "Malformed JSON");
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid value";
    }

    private JsonReadErrors() {
    }
}
