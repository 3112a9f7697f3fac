package io.llmplatform.support.quota;

import java.time.YearMonth;
import java.util.UUID;

/**
 * Tokens held for one model call until it settles. {@code callId} is the spending service's own id for the call
 * (its usage event id), never a client-supplied request id, so two calls can never share a reservation.
 */
public record Reservation(UUID userId, YearMonth month, String callId, long tokens) {
}
