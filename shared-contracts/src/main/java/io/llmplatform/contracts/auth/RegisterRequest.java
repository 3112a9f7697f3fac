package io.llmplatform.contracts.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/register}. The password policy beyond its length is checked by auth-service. */
public record RegisterRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 3, max = 32)
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain only letters, digits, '.', '_' and '-'")
        String username,
        @NotBlank @Size(min = 12, max = 128) String password) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", username=" + username + "]";
    }
}
