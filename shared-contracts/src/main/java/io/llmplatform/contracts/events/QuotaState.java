package io.llmplatform.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

/**
 * A user's quota as auth-service knows it, published on the compacted {@link Topics#QUOTA} keyed by user id: the
 * monthly token limit (0 for a disabled user) and the tokens its ledger has recorded in {@code month}. Services
 * that spend tokens keep the latest state per user.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuotaState(UUID userId, long monthlyTokenLimit, YearMonth month, long usedTokens, Instant updatedAt) {
}
