package io.llmplatform.auth.session;

import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.auth.token.AccessTokenIssuer;
import io.llmplatform.auth.token.OpaqueTokens;
import io.llmplatform.auth.user.Role;
import io.llmplatform.auth.user.User;
import io.llmplatform.auth.user.UserEvents;
import io.llmplatform.auth.user.UserService;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions as families of rotating refresh tokens. Each refresh token works once; presenting one that was already
 * used means it leaked (or a client raced itself), so the whole family is revoked and the caller must log in again.
 */
@Service
class Sessions {

    private final RefreshTokenRepository tokens;
    private final RefreshTokenFamilyRepository families;
    private final UserService users;
    private final AccessTokenIssuer accessTokens;
    private final AuthProperties properties;
    private final Clock clock;

    Sessions(RefreshTokenRepository tokens, RefreshTokenFamilyRepository families, UserService users,
            AccessTokenIssuer accessTokens, AuthProperties properties, Clock clock) {
        this.tokens = tokens;
        this.families = families;
        this.users = users;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    TokenResponse start(User user) {
        RefreshTokenFamily family = families.save(new RefreshTokenFamily(user.id(), clock.instant()));
        return issue(user, family);
    }

    /** Failures commit what they changed: a detected reuse must revoke the family even though the call fails. */
    @Transactional(noRollbackFor = PlatformException.class)
    TokenResponse refresh(String presented) {
        Instant now = clock.instant();
        RefreshToken token = tokens.findForUpdate(OpaqueTokens.hash(presented))
                .orElseThrow(() -> invalid("The refresh token is not valid"));
        RefreshTokenFamily family = token.family();
        if (family.revoked()) {
            throw invalid("The refresh token has been revoked; log in again");
        }
        if (token.used()) {
            family.revoke("reuse_detected", now);
            throw new PlatformException(ErrorCode.REFRESH_TOKEN_REUSED,
                    "This refresh token was already used; every session token of this login is now revoked");
        }
        if (token.expired(now)) {
            throw invalid("The refresh token has expired; log in again");
        }
        User user = users.get(family.userId());
        if (!user.active()) {
            family.revoke("user_disabled", now);
            throw new PlatformException(ErrorCode.ACCOUNT_DISABLED, "This account is disabled");
        }
        token.markUsed(now);
        return issue(user, family);
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored, so logout reveals nothing. */
    @Transactional
    void end(String presented) {
        tokens.findForUpdate(OpaqueTokens.hash(presented))
                .ifPresent(token -> token.family().revoke("logout", clock.instant()));
    }

    @EventListener
    void endAllOf(UserEvents.Disabled disabled) {
        families.revokeAllOf(disabled.userId(), "user_disabled", clock.instant());
    }

    private TokenResponse issue(User user, RefreshTokenFamily family) {
        Instant now = clock.instant();
        String refreshToken = OpaqueTokens.generate();
        RefreshToken stored = tokens.save(new RefreshToken(family, OpaqueTokens.hash(refreshToken), now,
                now.plus(properties.refreshTokenTtl())));
        AccessTokenIssuer.IssuedToken access = accessTokens.forUser(user.id(),
                user.roles().stream().map(Role::name).sorted().toList());
        return new TokenResponse(access.value(), TokenResponse.BEARER, access.lifetime().toSeconds(), refreshToken,
                stored.expiresAt());
    }

    private static PlatformException invalid(String message) {
        return new PlatformException(ErrorCode.INVALID_TOKEN, message, "refreshToken");
    }
}
