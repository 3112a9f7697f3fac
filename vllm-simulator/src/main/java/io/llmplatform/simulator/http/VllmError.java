package io.llmplatform.simulator.http;

import io.llmplatform.contracts.openai.OpenAiErrorResponse;

/**
 * A failure the client sees as vLLM shows it: {@code {"error":{"message","type","param","code"}}} with the HTTP
 * status as {@code code}. Messages of the errors clients parse (unknown model, context length) are vLLM's own.
 */
public final class VllmError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;

    public VllmError(int status, String type, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
    }

    public static VllmError badRequest(String message) {
        return badRequest(message, null);
    }

    public static VllmError badRequest(String message, String param) {
        return new VllmError(400, "BadRequestError", message, param);
    }

    public static VllmError modelNotFound(String model) {
        return new VllmError(404, "NotFoundError", "The model `" + model + "` does not exist.", "model");
    }

    /** Prompt plus requested completion beyond {@code max_model_len}, worded as vLLM words it. */
    public static VllmError contextLengthExceeded(int maxModelLen, int promptTokens, int requestedTokens) {
        String message = "This model's maximum context length is " + maxModelLen + " tokens. However, you requested "
                + requestedTokens + " output tokens and your prompt contains at least " + promptTokens
                + " input tokens, for a total of at least " + (promptTokens + requestedTokens) + " tokens. Please "
                + "reduce the length of the input prompt or the number of requested output tokens. "
                + "(parameter=input_tokens, value=" + promptTokens + ")";
        return new VllmError(400, "BadRequestError", message, "input_tokens");
    }

    public static VllmError serviceUnavailable(String message) {
        return ofStatus(503, message);
    }

    /** An error with the usual type name for its status, as injected faults and the queue use them. */
    public static VllmError ofStatus(int status, String message) {
        String type = switch (status) {
            case 400 -> "BadRequestError";
            case 401 -> "AuthenticationError";
            case 403 -> "PermissionDeniedError";
            case 404 -> "NotFoundError";
            case 408 -> "TimeoutError";
            case 409 -> "ConflictError";
            case 422 -> "UnprocessableEntityError";
            case 429 -> "RateLimitError";
            case 500 -> "InternalServerError";
            case 501 -> "NotImplementedError";
            case 502 -> "BadGatewayError";
            case 503 -> "ServiceUnavailableError";
            case 504 -> "GatewayTimeoutError";
            default -> "Error";
        };
        return new VllmError(status, type, message, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public OpenAiErrorResponse body() {
        return OpenAiErrorResponse.of(getMessage(), type, param, Integer.toString(status));
    }
}
