package io.llmplatform.support.quota;

import io.llmplatform.contracts.events.QuotaState;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest quota state auth-service published for each user, as this replica has received it from the compacted
 * quota topic. A user without a state yet gets the default limit and no recorded usage.
 */
public final class QuotaLimits {

    /** What admission needs to know of a user this month. */
    public record Limit(long monthlyTokenLimit, long ledgerUsedTokens) {
    }

    private final Map<UUID, QuotaState> states = new ConcurrentHashMap<>();
    private final long defaultLimit;

    public QuotaLimits(long defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public Limit of(UUID userId, YearMonth month) {
        QuotaState state = states.get(userId);
        if (state == null) {
            return new Limit(defaultLimit, 0);
        }
        return new Limit(state.monthlyTokenLimit(), month.equals(state.month()) ? state.usedTokens() : 0);
    }

    /** Keeps the newest state per user: records of one key arrive in order, but a replay must not go back. */
    public void update(QuotaState state) {
        states.merge(state.userId(), state, (current, incoming) ->
                incoming.updatedAt().isBefore(current.updatedAt()) ? current : incoming);
    }
}
