package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of the OpenAI-compatible API: {@code {"error":{"message","type","param","code"}}}. vLLM writes
 * {@code code} as the HTTP status number; it reads here as its string form.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenAiErrorResponse(Error error) {

    public static OpenAiErrorResponse of(String message, String type, String param, String code) {
        return new OpenAiErrorResponse(new Error(message, type, param, code));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String message, String type, String param, String code) {
    }
}
