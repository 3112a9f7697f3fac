package io.llmplatform.contracts.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The gateway's request to turn a program's {@code sk-...} key into a short-lived JWT. */
public record ApiKeyExchangeRequest(@NotBlank @Size(max = 200) String apiKey) {

    @Override
    public String toString() {
        return "ApiKeyExchangeRequest[apiKey=***]";
    }
}
