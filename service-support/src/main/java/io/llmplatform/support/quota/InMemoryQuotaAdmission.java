package io.llmplatform.support.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same admission rules held in this process only: exact for a single replica (the embedded local run), not
 * shared across replicas or services. Configure Redis ({@code REDIS_URL}) wherever more than one process spends
 * tokens.
 */
public final class InMemoryQuotaAdmission implements QuotaAdmission {

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private volatile YearMonth currentMonth;
    private final QuotaLimits limits;
    private final Duration reservationTtl;
    private final Duration settledMemory;
    private final Clock clock;

    public InMemoryQuotaAdmission(QuotaLimits limits, Duration reservationTtl, Clock clock) {
        this.limits = limits;
        this.reservationTtl = reservationTtl;
        this.settledMemory = QuotaAdmission.settledMemory(reservationTtl);
        this.clock = clock;
    }

    @Override
    public Reservation reserve(UUID userId, String callId, long tokens) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Account account = account(userId, month);
        QuotaLimits.Limit limit = limits.of(userId, month);
        synchronized (account) {
            account.forgetExpired(now);
            if (account.settled.containsKey(callId)) {
                throw new IllegalStateException("call " + callId + " was already settled; use a new call id");
            }
            Held held = account.held.get(callId);
            if (held != null) {
                return new Reservation(userId, month, callId, held.tokens());
            }
            account.used = Math.max(account.used, limit.ledgerUsedTokens());
            long remaining = limit.monthlyTokenLimit() - account.used - account.reserved;
            if (tokens > remaining) {
                throw QuotaExceeded.of(month, remaining, tokens, clock);
            }
            account.held.put(callId, new Held(tokens, now.plus(reservationTtl)));
            account.reserved += tokens;
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
        Instant now = clock.instant();
        synchronized (account) {
            if (account.settled.putIfAbsent(reservation.callId(), now.plus(settledMemory)) == null) {
                Held held = account.held.remove(reservation.callId());
                if (held != null) {
                    account.reserved -= held.tokens();
                }
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

    /**
     * One user's month. Reservations and settled calls are kept in the order they were made, which is the order
     * they expire (each kind has one lifetime), so forgetting the expired ones looks only at the oldest.
     */
    private static final class Account {
        private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
        private final LinkedHashMap<String, Instant> settled = new LinkedHashMap<>();
        private long reserved;
        private long used;

        void forgetExpired(Instant now) {
            for (Iterator<Held> oldest = held.values().iterator(); oldest.hasNext(); ) {
                Held reservation = oldest.next();
                if (reservation.expiresAt().isAfter(now)) {
                    break;
                }
                reserved -= reservation.tokens();
                oldest.remove();
            }
            for (Iterator<Instant> oldest = settled.values().iterator(); oldest.hasNext(); ) {
                if (oldest.next().isAfter(now)) {
                    break;
                }
                oldest.remove();
            }
        }
    }
}
