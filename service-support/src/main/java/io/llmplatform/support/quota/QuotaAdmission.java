package io.llmplatform.support.quota;

import java.time.Duration;
import java.util.UUID;

/**
 * Admission against users' monthly token limits, shared by every replica of every service that spends tokens.
 * Call {@link #reserve} with the worst case (prompt tokens plus {@code max_tokens}) before calling the model, then
 * exactly one of {@link #settle} (actual usage) or {@link #release} (the call used nothing). All three are idempotent
 * by call id; a reservation whose caller died expires by itself.
 */
public interface QuotaAdmission {

    /**
     * Holds {@code tokens} for the call, or throws a {@code quota_exceeded} {@link io.llmplatform.support.PlatformException}
     * (429, with {@code Retry-After} until the month resets) if they do not fit in what is left of the month.
     */
    Reservation reserve(UUID userId, String callId, long tokens);

    /** Replaces the reservation with the tokens the call actually used. */
    void settle(Reservation reservation, long usedTokens);

    /** Returns the reservation: the call failed before using any tokens. */
    void release(Reservation reservation);

    /**
     * How long a settled call is remembered, so that repeating its settle (or release) changes nothing: twice the
     * reservation's lifetime, longer than any call and its retries take. Not longer, because every call leaves one.
     */
    static Duration settledMemory(Duration reservationTtl) {
        return reservationTtl.multipliedBy(2);
    }
}
