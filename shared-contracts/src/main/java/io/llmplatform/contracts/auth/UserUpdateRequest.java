package io.llmplatform.contracts.auth;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** An administrator's change to a user; absent fields stay as they are. */
public record UserUpdateRequest(
        @Size(min = 1, message = "must name at least one role")
        Set<@Pattern(regexp = "USER|ADMIN", message = "must be USER or ADMIN") String> roles,
        @Pattern(regexp = "ACTIVE|DISABLED", message = "must be ACTIVE or DISABLED") String status,
        @Min(0) Long monthlyTokenLimit) {
}
