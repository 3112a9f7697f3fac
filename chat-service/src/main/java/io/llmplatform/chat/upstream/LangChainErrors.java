package io.llmplatform.chat.upstream;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.upstream.ModelServerErrors;

/** LangChain4j's exceptions, in the platform's error codes: the same codes the OpenAI-compatible path answers. */
final class LangChainErrors {

    static PlatformException translate(Throwable failure, String model) {
        return switch (failure) {
            case PlatformException already -> already;
            case CallNotPermittedException open -> ModelServerErrors.unavailable(
                    "The model '" + model + "' is failing; requests are paused for a few seconds", "5");
            case ModelNotFoundException missing -> new PlatformException(ErrorCode.MODEL_NOT_FOUND,
                    "The model '" + model + "' is not served right now", "model");
            case InvalidRequestException invalid -> invalid.getMessage() != null
                    && invalid.getMessage().contains("maximum context length")
                    ? new PlatformException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, invalid.getMessage(), "message")
                    : new PlatformException(ErrorCode.VALIDATION_FAILED, invalid.getMessage());
            case RateLimitException busy -> ModelServerErrors.unavailable("The model server is busy", "1");
            case TimeoutException slow -> new PlatformException(ErrorCode.MODEL_TIMEOUT,
                    "The model '" + model + "' did not answer in time");
            case HttpException http when http.statusCode() == 503 -> ModelServerErrors.unavailable(
                    "The model server is not ready", "2");
            case HttpException http -> new PlatformException(ErrorCode.BAD_GATEWAY,
                    "The model server failed with " + http.statusCode());
            default -> ModelServerErrors.unavailable("The model '" + model + "' cannot be reached", "2");
        };
    }

    /** Failures that say nothing about the server's health do not count against its circuit. */
    static boolean serverFault(Throwable failure) {
        return !(failure instanceof InvalidRequestException || failure instanceof ModelNotFoundException
                || failure instanceof PlatformException);
    }

    private LangChainErrors() {
    }
}
