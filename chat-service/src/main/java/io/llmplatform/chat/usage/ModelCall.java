package io.llmplatform.chat.usage;

import io.llmplatform.support.quota.Reservation;
import io.llmplatform.support.security.Caller;
import java.util.UUID;

/**
 * One call to a model on a user's behalf, from admission to its usage event: {@code id} is the event id and the
 * quota reservation's call id. Times are on the {@link System#nanoTime()} scale.
 */
public record ModelCall(UUID id, Caller caller, String model, String requestId, Reservation reservation,
        long receivedNanos, boolean streaming) {
}
