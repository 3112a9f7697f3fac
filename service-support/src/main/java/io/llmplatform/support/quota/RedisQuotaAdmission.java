package io.llmplatform.support.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Quota admission in Redis, shared by every replica: each operation is one Lua script, so reserving checks and holds
 * in a single atomic step. All of a user's month lives under one hash tag ({@code {user}}), so it works on a
 * Redis Cluster too. Month keys expire on their own a few weeks after their month.
 */
public final class RedisQuotaAdmission implements QuotaAdmission {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RESERVE = RedisScript.of(new ClassPathResource("quota/reserve.lua"),
            List.class);
    private static final RedisScript<Long> SETTLE = RedisScript.of(new ClassPathResource("quota/settle.lua"),
            Long.class);
    private static final Duration MONTH_KEYS_OUTLIVE_MONTH = Duration.ofDays(35);

    private final StringRedisTemplate redis;
    private final QuotaLimits limits;
    private final Duration reservationTtl;
    private final Clock clock;

    public RedisQuotaAdmission(StringRedisTemplate redis, QuotaLimits limits, Duration reservationTtl, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.reservationTtl = reservationTtl;
        this.clock = clock;
    }

    @Override
    public Reservation reserve(UUID userId, String callId, long tokens) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        QuotaLimits.Limit limit = limits.of(userId, month);
        List<?> result = redis.execute(RESERVE, keys(userId, month, callId), callId, Long.toString(tokens),
                Long.toString(limit.monthlyTokenLimit()), Long.toString(limit.ledgerUsedTokens()),
                Long.toString(now.toEpochMilli()), Long.toString(now.plus(reservationTtl).toEpochMilli()),
                Long.toString(monthKeysTtl(month, now).toSeconds()));
        long outcome = ((Number) result.get(0)).longValue();
        long value = ((Number) result.get(1)).longValue();
        if (outcome == 0) {
            throw QuotaExceeded.of(month, value, tokens, clock);
        }
        if (outcome == 2) {
            throw new IllegalStateException("call " + callId + " was already settled; use a new call id");
        }
        return new Reservation(userId, month, callId, value);
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
        redis.execute(SETTLE, keys(reservation.userId(), reservation.month(), reservation.callId()),
                reservation.callId(), Long.toString(usedTokens), Long.toString(QuotaAdmission.settledMemory(reservationTtl).toSeconds()),
                Long.toString(monthKeysTtl(reservation.month(), clock.instant()).toSeconds()));
    }

    private static List<String> keys(UUID userId, YearMonth month, String callId) {
        String prefix = "quota:{" + userId + "}:" + month;
        return List.of(prefix, prefix + ":reservations", prefix + ":amounts", prefix + ":settled:" + callId);
    }

    private static Duration monthKeysTtl(YearMonth month, Instant now) {
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Duration.between(now, monthEnd).plus(MONTH_KEYS_OUTLIVE_MONTH);
    }
}
