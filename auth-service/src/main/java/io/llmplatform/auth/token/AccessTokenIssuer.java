package io.llmplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.contracts.auth.TokenClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues the platform's access tokens: ES256 JWTs with {@code iss}, {@code aud}, {@code sub}, {@code roles},
 * {@code iat}, {@code exp} and {@code jti}, signed with the active key and naming it in {@code kid}.
 */
@Component
public class AccessTokenIssuer {

    /** A signed token and when it expires. */
    public record IssuedToken(String value, Instant expiresAt, Duration lifetime) {
    }

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A user's own session token. */
    public IssuedToken forUser(UUID userId, List<String> roles) {
        return issue(userId.toString(), roles, null, properties.accessTokenTtl());
    }

    /** A token standing in for a program's API key: short-lived, and naming the key for usage attribution. */
    public IssuedToken forApiKey(UUID userId, List<String> roles, UUID apiKeyId) {
        return issue(userId.toString(), roles, apiKeyId, properties.apiKeyTokenTtl());
    }

    /** A platform service's token for itself (client credentials). */
    public IssuedToken forService(String clientId) {
        return issue(clientId, List.of(TokenClaims.ROLE_SERVICE), null, properties.serviceTokenTtl());
    }

    private IssuedToken issue(String subject, List<String> roles, UUID apiKeyId, Duration lifetime) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(TokenClaims.PLATFORM_AUDIENCE)
                .subject(subject)
                .claim(TokenClaims.ROLES, roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
        if (apiKeyId != null) {
            claims.claim(TokenClaims.API_KEY_ID, apiKeyId.toString());
        }
        return new IssuedToken(sign(claims.build()), expiresAt, lifetime);
    }

    private String sign(JWTClaimsSet claims) {
        ECKey key = keys.current().active();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }
}
