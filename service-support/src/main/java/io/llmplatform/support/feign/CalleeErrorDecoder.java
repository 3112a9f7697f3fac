package io.llmplatform.support.feign;

import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a callee's error answer into the {@link PlatformException} it describes: the {@code code} of a problem body,
 * or {@code error.code} of an OpenAI error, with its detail and {@code Retry-After}. The callee's own failures
 * (500) become 502 {@code bad_gateway}: the caller did nothing wrong. A 502/503/504 answer to an idempotent call is
 * handed to the retryer.
 */
final class CalleeErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonMapper json;

    CalleeErrorDecoder(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        String callee = FeignFailures.calleeOf(response.request());
        PlatformException failure = translate(callee, response);
        Request.HttpMethod method = response.request().httpMethod();
        if (IdempotentRetryer.isIdempotent(method) && isTransient(response.status())) {
            return new RetryableException(response.status(), failure.getMessage(), method, failure, (Long) null,
                    response.request());
        }
        return failure;
    }

    private PlatformException translate(String callee, Response response) {
        JsonNode body = body(response);
        String detail = text(body, "/detail", text(body, "/error/message", null));
        String code = text(body, "/code", text(body, "/error/code", null));
        ErrorCode errorCode = known(code, response.status());
        if (errorCode == ErrorCode.INTERNAL_ERROR) {
            errorCode = ErrorCode.BAD_GATEWAY;
            detail = callee + " failed (" + response.status() + ")";
        }
        PlatformException failure = new PlatformException(errorCode, detail != null ? detail
                : callee + " answered " + response.status(), text(body, "/error/param", null));
        Collection<String> retryAfter = response.headers().get(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null && !retryAfter.isEmpty()) {
            failure.withHeader(HttpHeaders.RETRY_AFTER, retryAfter.iterator().next());
        }
        return failure;
    }

    private static ErrorCode known(String code, int status) {
        if (code != null) {
            try {
                return ErrorCode.fromCode(code);
            } catch (IllegalArgumentException unknown) {
                // Not one of ours (vLLM's or a proxy's): the status still says what kind of failure it is.
            }
        }
        return ErrorCode.forStatus(status);
    }

    private JsonNode body(Response response) {
        if (response.body() == null) {
            return null;
        }
        try (InputStream in = response.body().asInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException | JacksonException unreadable) {
            return null;
        }
    }

    private static String text(JsonNode body, String pointer, String fallback) {
        if (body == null) {
            return fallback;
        }
        JsonNode value = body.at(pointer);
        return value.isString() && !value.asString().isBlank() ? value.asString() : fallback;
    }

    private static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504;
    }
}
