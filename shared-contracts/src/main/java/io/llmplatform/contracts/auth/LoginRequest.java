package io.llmplatform.contracts.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/login}: {@code login} is the email or the username. */
public record LoginRequest(@NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 128) String password) {

    @Override
    public String toString() {
        return "LoginRequest[login=" + login + "]";
    }
}
