package io.llmplatform.auth.apikey;

import io.llmplatform.auth.token.AccessTokenIssuer;
import io.llmplatform.auth.token.OpaqueTokens;
import io.llmplatform.auth.user.Role;
import io.llmplatform.auth.user.User;
import io.llmplatform.auth.user.UserService;
import io.llmplatform.contracts.auth.AccessToken;
import io.llmplatform.contracts.auth.ApiKeyCreateRequest;
import io.llmplatform.contracts.auth.ApiKeyCreated;
import io.llmplatform.contracts.auth.ApiKeyView;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for programs. The key ({@code sk-} and 43 random characters) is shown once at creation; afterwards only
 * its prefix. The gateway exchanges a key for a short-lived JWT that names the key, so services never see keys.
 */
@Service
class ApiKeyService {

    static final String KEY_PREFIX = "sk-";
    private static final int VISIBLE_PREFIX = KEY_PREFIX.length() + 6;

    private final ApiKeyRepository keys;
    private final UserService users;
    private final AccessTokenIssuer accessTokens;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, UserService users, AccessTokenIssuer accessTokens, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    @Transactional
    ApiKeyCreated create(UUID userId, ApiKeyCreateRequest request) {
        String key = KEY_PREFIX + OpaqueTokens.generate();
        ApiKey stored = keys.save(new ApiKey(userId, request.name().trim(), key.substring(0, VISIBLE_PREFIX),
                OpaqueTokens.hash(key), clock.instant(), request.expiresAt()));
        return new ApiKeyCreated(stored.id(), stored.name(), key, masked(stored), stored.createdAt(),
                stored.expiresAt());
    }

    @Transactional(readOnly = true)
    List<ApiKeyView> list(UUID userId) {
        return keys.findActiveOf(userId).stream().map(ApiKeyService::view).toList();
    }

    /** Revokes the caller's key; another user's key is as absent as a key that never existed. */
    @Transactional
    void revoke(UUID userId, UUID keyId) {
        ApiKey key = keys.findOwned(keyId, userId).filter(k -> !k.revoked())
                .orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND, "No such API key"));
        key.revoke(clock.instant());
    }

    /** Turns a valid key of an active user into a short-lived access token carrying the key's id. */
    @Transactional
    AccessToken exchange(String presented) {
        Instant now = clock.instant();
        ApiKey key = presented.startsWith(KEY_PREFIX)
                ? keys.findByHash(OpaqueTokens.hash(presented)).filter(k -> k.usable(now)).orElse(null)
                : null;
        if (key == null) {
            throw new PlatformException(ErrorCode.INVALID_API_KEY, "The API key is not valid, revoked or expired");
        }
        User user = users.get(key.userId());
        if (!user.active()) {
            throw new PlatformException(ErrorCode.ACCOUNT_DISABLED, "The API key's owner is disabled");
        }
        keys.touch(key.id(), now, now.minus(Duration.ofMinutes(1)));
        AccessTokenIssuer.IssuedToken token = accessTokens.forApiKey(user.id(),
                user.roles().stream().map(Role::name).sorted().toList(), key.id());
        return new AccessToken(token.value(), TokenResponse.BEARER, token.lifetime().toSeconds());
    }

    private static ApiKeyView view(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), masked(key), key.createdAt(), key.expiresAt(), key.lastUsedAt());
    }

    private static String masked(ApiKey key) {
        return key.prefix() + "...";
    }
}
