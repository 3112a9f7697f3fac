package io.llmplatform.auth.user;

import java.util.UUID;

/** What happened to a user, for the features that react to it (quota publication, session revocation). */
public final class UserEvents {

    /** The user's limit or status changed, or the user is new: their quota state must be republished. */
    public record QuotaChanged(UUID userId) {
    }

    /** The user was disabled: published inside the transaction, so their sessions end with it. */
    public record Disabled(UUID userId) {
    }

    private UserEvents() {
    }
}
