package io.llmplatform.support.upstream;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a model server's error answer (vLLM's {@code {"error":{"message","type","param","code"}}}) into the
 * platform's error, keeping the server's message and parameter: the client sees one stable code per kind of failure.
 */
public final class ModelServerErrors {

    private static final int MAX_ERROR_BYTES = 64 * 1024;

    /**
     * @param inputField the request field a context-length overflow is blamed on ({@code messages}, {@code input})
     */
    public static PlatformException from(UpstreamResponse response, String model, String inputField,
            JsonMapper json) {
        JsonNode error = read(response.body(), json).path("error");
        String message = error.path("message").asString("The model server answered " + response.status());
        String param = error.path("param").isString() ? error.path("param").asString() : null;
        return switch (response.status()) {
            case 400 -> message.contains("maximum context length")
                    ? new PlatformException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, message, inputField)
                    : new PlatformException(ErrorCode.VALIDATION_FAILED, message, param);
            case 404 -> new PlatformException(ErrorCode.MODEL_NOT_FOUND,
                    "The model '" + model + "' is not served right now", "model");
            case 429, 503 -> unavailable("The model server is busy or not ready: " + message,
                    response.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse("1"));
            default -> new PlatformException(ErrorCode.BAD_GATEWAY, "The model server failed: " + message);
        };
    }

    public static PlatformException unavailable(String message, String retryAfterSeconds) {
        return new PlatformException(ErrorCode.MODEL_UNAVAILABLE, message)
                .withHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }

    private static JsonNode read(InputStream body, JsonMapper json) {
        try (body) {
            return json.readTree(body.readNBytes(MAX_ERROR_BYTES));
        } catch (IOException | RuntimeException unreadable) {
            return json.missingNode();
        }
    }

    private ModelServerErrors() {
    }
}
