package io.llmplatform.contracts.auth;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code POST /api/v1/auth/api-keys}: a name to recognise the key by and, optionally, when it stops working. */
public record ApiKeyCreateRequest(@NotBlank @Size(max = 100) String name, @Future Instant expiresAt) {
}
