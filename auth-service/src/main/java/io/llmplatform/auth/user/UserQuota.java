package io.llmplatform.auth.user;

import java.util.UUID;

/** A user's quota settings alone. */
public record UserQuota(UUID id, UserStatus status, long monthlyTokenLimit) {

    /** Nothing for a disabled user. */
    public long effectiveMonthlyTokenLimit() {
        return status == UserStatus.ACTIVE ? monthlyTokenLimit : 0;
    }
}
