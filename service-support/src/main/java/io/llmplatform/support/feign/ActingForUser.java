package io.llmplatform.support.feign;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The user that work outside a user's request (an ingestion worker, say) is done for. Feign calls made inside
 * {@link #call} with the {@code service-for-user} credentials carry the service's own token and this user in the
 * internal headers, so the callee bills them and applies their quota.
 */
public final class ActingForUser {

    private static final ScopedValue<ActingForUser.User> CURRENT = ScopedValue.newInstance();

    /** @param apiKeyId the API key the user's original request came with; null when there was none */
    public record User(UUID userId, UUID apiKeyId) {
        public User {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** Runs {@code work} for {@code userId} (and their {@code apiKeyId}, may be null) on this thread. */
    public static <T, X extends Throwable> T call(UUID userId, UUID apiKeyId, ScopedValue.CallableOp<T, X> work)
            throws X {
        return ScopedValue.where(CURRENT, new User(userId, apiKeyId)).call(work);
    }

    /** The user the current work is for, when it runs inside {@link #call}. */
    public static Optional<User> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    private ActingForUser() {
    }
}
