package io.llmplatform.auth.session;

import io.llmplatform.auth.config.AuthProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per key (an account, a client IP) in a window shared by every replica, and locks a key that
 * reaches its maximum. Each failure is one atomic upsert, so concurrent attempts are all counted.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AuthProperties.Lockout lockout;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** How long the longest lock among {@code keys} still lasts, if any is locked. */
    Optional<Duration> lockedFor(List<String> keys) {
        Instant now = clock.instant();
        return jdbc.sql("select max(locked_until) from login_throttle where throttle_key in (:keys) "
                        + "and locked_until > :now")
                .param("keys", keys).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional()
                .map(until -> Duration.between(now, until.toInstant()));
    }

    void recordFailure(String key, int maxFailures) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into login_throttle (throttle_key, failures, window_started_at, locked_until)
                values (:key, 1, :now, case when 1 >= :max then cast(:lockUntil as timestamptz) end)
                on conflict (throttle_key) do update set
                  failures = case when login_throttle.window_started_at < :windowStart then 1
                                  else login_throttle.failures + 1 end,
                  window_started_at = case when login_throttle.window_started_at < :windowStart then :now
                                           else login_throttle.window_started_at end,
                  locked_until = case when (case when login_throttle.window_started_at < :windowStart then 1
                                                  else login_throttle.failures + 1 end) >= :max
                                      then cast(:lockUntil as timestamptz)
                                      else login_throttle.locked_until end
                """)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("max", maxFailures)
                .param("lockUntil", Timestamp.from(now.plus(lockout.lockDuration())))
                .param("windowStart", Timestamp.from(now.minus(lockout.window())))
                .update();
    }

    void reset(String key) {
        jdbc.sql("delete from login_throttle where throttle_key = :key").param("key", key).update();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetExpiredWindows() {
        Instant now = clock.instant();
        jdbc.sql("delete from login_throttle where window_started_at < :windowStart "
                        + "and (locked_until is null or locked_until < :now)")
                .param("windowStart", Timestamp.from(now.minus(lockout.window())))
                .param("now", Timestamp.from(now))
                .update();
    }
}
