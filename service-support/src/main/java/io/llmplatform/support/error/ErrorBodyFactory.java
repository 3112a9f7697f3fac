package io.llmplatform.support.error;

import io.llmplatform.contracts.error.ProblemBody;
import io.llmplatform.contracts.openai.OpenAiErrorResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;

/**
 * Writes an {@link ApiError} in the shape the caller's API promises: OpenAI's {@code {"error":{...}}} under the
 * OpenAI-compatible paths, an RFC 9457 problem everywhere else.
 */
public final class ErrorBodyFactory {

    public static final MediaType PROBLEM_JSON = MediaType.parseMediaType(ProblemBody.MEDIA_TYPE);

    private final List<String> openAiPathPrefixes;

    public ErrorBodyFactory(ErrorFormatProperties properties) {
        this.openAiPathPrefixes = List.copyOf(properties.openAiPathPrefixes());
    }

    public ErrorBody create(ApiError error, String path, String traceId, String requestId) {
        if (isOpenAiPath(path)) {
            return new ErrorBody(error.code().status(), MediaType.APPLICATION_JSON, openAiError(error));
        }
        return new ErrorBody(error.code().status(), PROBLEM_JSON,
                ProblemBody.of(error.code(), error.message(), path, traceId, requestId, error.violations()));
    }

    private boolean isOpenAiPath(String path) {
        return path != null && openAiPathPrefixes.stream().anyMatch(path::startsWith);
    }

    private static OpenAiErrorResponse openAiError(ApiError error) {
        String message = error.message();
        String param = error.param();
        if (!error.violations().isEmpty()) {
            message = error.violations().stream().map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; "));
            param = param != null ? param : error.violations().getFirst().field();
        }
        return OpenAiErrorResponse.of(message, error.code().openAiType(), param, error.code().code());
    }
}
