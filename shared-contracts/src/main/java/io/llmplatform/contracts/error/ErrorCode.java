package io.llmplatform.contracts.error;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The platform's stable error codes. A code never changes meaning once published: UI apps and SDK users branch on
 * it. Each code has one HTTP status and, for the OpenAI-compatible API, the OpenAI error {@code type}.
 */
public enum ErrorCode {

    MALFORMED_REQUEST("malformed_request", 400, "Malformed request", OpenAiType.INVALID_REQUEST),
    VALIDATION_FAILED("validation_failed", 400, "Validation failed", OpenAiType.INVALID_REQUEST),
    /** Refused by the request firewall before any route saw it: path traversal, encoded slashes, NUL, odd headers. */
    REQUEST_REJECTED("request_rejected", 400, "Request rejected", OpenAiType.INVALID_REQUEST),
    UNAUTHORIZED("unauthorized", 401, "Authentication required", OpenAiType.AUTHENTICATION),
    FORBIDDEN("forbidden", 403, "Forbidden", OpenAiType.PERMISSION),
    NOT_FOUND("not_found", 404, "Not found", OpenAiType.INVALID_REQUEST),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed", OpenAiType.INVALID_REQUEST),
    NOT_ACCEPTABLE("not_acceptable", 406, "Not acceptable", OpenAiType.INVALID_REQUEST),
    CONFLICT("conflict", 409, "Conflict", OpenAiType.INVALID_REQUEST),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "Payload too large", OpenAiType.INVALID_REQUEST),
    URI_TOO_LONG("uri_too_long", 414, "URI too long", OpenAiType.INVALID_REQUEST),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type", OpenAiType.INVALID_REQUEST),
    RATE_LIMITED("rate_limited", 429, "Too many requests", OpenAiType.RATE_LIMIT),
    HEADER_TOO_LARGE("header_too_large", 431, "Request headers too large", OpenAiType.INVALID_REQUEST),
    INVALID_CREDENTIALS("invalid_credentials", 401, "Invalid credentials", OpenAiType.AUTHENTICATION),
    INVALID_TOKEN("invalid_token", 401, "Invalid token", OpenAiType.AUTHENTICATION),
    REFRESH_TOKEN_REUSED("refresh_token_reused", 401, "Refresh token reused", OpenAiType.AUTHENTICATION),
    INVALID_API_KEY("invalid_api_key", 401, "Invalid API key", OpenAiType.AUTHENTICATION),
    ACCOUNT_DISABLED("account_disabled", 403, "Account disabled", OpenAiType.PERMISSION),
    USER_EXISTS("user_exists", 409, "User exists", OpenAiType.INVALID_REQUEST),
    LOGIN_LOCKED("login_locked", 429, "Too many failed logins", OpenAiType.RATE_LIMIT),
    QUOTA_EXCEEDED("quota_exceeded", 429, "Monthly token quota exceeded", OpenAiType.QUOTA),
    MODEL_NOT_FOUND("model_not_found", 404, "Model not found", OpenAiType.INVALID_REQUEST),
    CONTEXT_LENGTH_EXCEEDED("context_length_exceeded", 400, "Context length exceeded", OpenAiType.INVALID_REQUEST),
    MODEL_UNAVAILABLE("model_unavailable", 503, "Model unavailable", OpenAiType.SERVER),
    /** The model's pool is switching models; {@code Retry-After} says when to try again. */
    MODEL_LOADING("model_loading", 503, "Model loading", OpenAiType.SERVER),
    /** A pool already has a model switch running; one switch per pool at a time. */
    SWITCH_IN_PROGRESS("switch_in_progress", 409, "A switch is already running", OpenAiType.INVALID_REQUEST),
    /** The model catalog file cannot be used; the errors name each line and field. */
    CATALOG_INVALID("catalog_invalid", 422, "Invalid model catalog", OpenAiType.INVALID_REQUEST),
    /** The profile does not fit the pool's GPUs; the detail says why. */
    MODEL_DOES_NOT_FIT("model_does_not_fit", 422, "Model does not fit", OpenAiType.INVALID_REQUEST),
    /** A retrieval-augmented answer that required sources, while document-service could not be asked. */
    RETRIEVAL_UNAVAILABLE("retrieval_unavailable", 503, "Retrieval unavailable", OpenAiType.SERVER),
    /** A retrieval-augmented answer that required sources, and no passage of the caller's documents matched. */
    NO_SOURCES("no_sources", 422, "No sources found", OpenAiType.INVALID_REQUEST),
    MODEL_TIMEOUT("model_timeout", 504, "Model timed out", OpenAiType.SERVER),
    INTERNAL_ERROR("internal_error", 500, "Internal error", OpenAiType.SERVER),
    BAD_GATEWAY("bad_gateway", 502, "Bad gateway", OpenAiType.SERVER),
    SERVICE_UNAVAILABLE("service_unavailable", 503, "Service unavailable", OpenAiType.SERVER),
    GATEWAY_TIMEOUT("gateway_timeout", 504, "Gateway timeout", OpenAiType.SERVER);

    private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final int status;
    private final String title;
    private final String openAiType;

    ErrorCode(String code, int status, String title, String openAiType) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.openAiType = openAiType;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String openAiType() {
        return openAiType;
    }

    public static ErrorCode fromCode(String code) {
        ErrorCode errorCode = BY_CODE.get(code);
        if (errorCode == null) {
            throw new IllegalArgumentException("unknown error code: " + code);
        }
        return errorCode;
    }

    /** The generic code for an HTTP status that no more specific code explains. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADER_TOO_LARGE;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }

    /** OpenAI's error types, as its SDKs and clients expect them in {@code error.type}. */
    private static final class OpenAiType {
        static final String INVALID_REQUEST = "invalid_request_error";
        static final String AUTHENTICATION = "authentication_error";
        static final String PERMISSION = "permission_error";
        static final String RATE_LIMIT = "rate_limit_error";
        static final String QUOTA = "insufficient_quota";
        static final String SERVER = "server_error";
    }
}
