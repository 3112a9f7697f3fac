package io.llmplatform.auth.user;

/** A disabled user can no longer log in, refresh, or use API keys; their quota drops to zero. */
public enum UserStatus {
    ACTIVE,
    DISABLED
}
