package io.llmplatform.support.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same admission rules held in this process only: exact for a single replica (the embedded local run), not
 * shared across replicas or services. Configure Redis ({@code REDIS_URL}) wherever more than one process spends
 * tokens.
 */
public final class InMemoryQuotaAdmission implements QuotaAdmission {

    /** Settled calls are remembered this long, which covers any retry of a settle. */
    private static final Duration SETTLED_MEMORY = Duration.ofDays(1);

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private volatile YearMonth currentMonth;
    private final QuotaLimits limits;
    private final Duration reservationTtl;
    private final Clock clock;

    public InMemoryQuotaAdmission(QuotaLimits limits, Duration reservationTtl, Clock clock) {
        this.limits = limits;
        this.reservationTtl = reservationTtl;
        this.clock = clock;
    }

    @Override
    public Reservation reserve(UUID userId, String callId, long tokens) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Account account = account(userId, month);
        QuotaLimits.Limit limit = limits.of(userId, month);
        synchronized (account) {
            account.settled.values().removeIf(at -> at.isBefore(now.minus(SETTLED_MEMORY)));
            if (account.settled.containsKey(callId)) {
                throw new IllegalStateException("call " + callId + " was already settled; use a new call id");
            }
            Held held = account.held.get(callId);
            if (held != null) {
                return new Reservation(userId, month, callId, held.tokens());
            }
            account.held.values().removeIf(stale -> !stale.expiresAt().isAfter(now));
            account.used = Math.max(account.used, limit.ledgerUsedTokens());
            long reserved = account.held.values().stream().mapToLong(Held::tokens).sum();
            long remaining = limit.monthlyTokenLimit() - account.used - reserved;
            if (tokens > remaining) {
                throw QuotaExceeded.of(month, remaining, tokens, clock);
            }
            account.held.put(callId, new Held(tokens, now.plus(reservationTtl)));
            return new Reservation(userId, month, callId, tokens);
        }
    }

    @Override
    public void settle(Reservation reservation, long usedTokens) {
        close(reservation, usedTokens);
    }

    @Override
    public void release(Reservation reservation) {
        close(reservation, 0);
    }

    private void close(Reservation reservation, long usedTokens) {
        Account account = account(reservation.userId(), reservation.month());
        synchronized (account) {
            if (account.settled.putIfAbsent(reservation.callId(), clock.instant()) == null) {
                account.held.remove(reservation.callId());
                account.used += usedTokens;
            }
        }
    }

    private Account account(UUID userId, YearMonth month) {
        if (!month.equals(currentMonth)) {
            currentMonth = month;
            accounts.keySet().removeIf(key -> YearMonth.parse(key.substring(key.indexOf(':') + 1)).isBefore(month));
        }
        return accounts.computeIfAbsent(userId + ":" + month, key -> new Account());
    }

    private record Held(long tokens, Instant expiresAt) {
    }

    private static final class Account {
        private final Map<String, Held> held = new HashMap<>();
        private final Map<String, Instant> settled = new HashMap<>();
        private long used;
    }
}
