package io.llmplatform.auth.session;

import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.auth.user.User;
import io.llmplatform.auth.user.UserRepository;
import io.llmplatform.contracts.auth.LoginRequest;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Logs a user in by email or username. An unknown user and a wrong password are indistinguishable, in the answer
 * and in the time it takes. Repeated failures lock the account and the client IP for a while.
 */
@Service
class LoginService {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final AuthProperties.Lockout lockout;
    private final String unknownUserHash;

    LoginService(UserRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle, Sessions sessions,
            AuthProperties properties, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.sessions = sessions;
        this.lockout = properties.lockout();
        this.unknownUserHash = passwordEncoder.encode("no user has this password " + clock.instant());
    }

    TokenResponse login(LoginRequest request, String clientIp) {
        String login = request.login().trim().toLowerCase(Locale.ROOT);
        String accountKey = "account:" + login;
        String ipKey = "ip:" + clientIp;
        throttle.lockedFor(List.of(accountKey, ipKey)).ifPresent(LoginService::locked);

        Optional<User> user = login.contains("@") ? users.findByEmail(login) : users.findByUsername(login);
        boolean passwordMatches = passwordEncoder.matches(request.password(),
                user.map(User::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || !passwordMatches) {
            throttle.recordFailure(accountKey, lockout.accountMaxFailures());
            throttle.recordFailure(ipKey, lockout.ipMaxFailures());
            throw new PlatformException(ErrorCode.INVALID_CREDENTIALS, "The login or password is wrong");
        }
        throttle.reset(accountKey);
        if (!user.get().active()) {
            throw new PlatformException(ErrorCode.ACCOUNT_DISABLED, "This account is disabled");
        }
        return sessions.start(user.get());
    }

    private static void locked(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
        throw new PlatformException(ErrorCode.LOGIN_LOCKED,
                "Too many failed logins; try again in " + seconds + " seconds")
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
}
