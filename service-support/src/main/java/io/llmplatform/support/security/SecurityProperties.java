package io.llmplatform.support.security;

import io.llmplatform.contracts.auth.TokenClaims;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service validates access tokens. Only the JWKS URL is needed: the issuer defaults to the JWKS URL's origin
 * (auth-service's address) and the audience to the platform's.
 *
 * @param jwksUri auth-service's {@code /.well-known/jwks.json}
 * @param issuer the {@code iss} every token must carry, when it differs from the JWKS URL's origin
 * @param audience the {@code aud} every token must carry
 * @param publicPaths paths (Ant patterns) served without a token, besides health, metrics and API docs
 */
@ConfigurationProperties("platform.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8081/.well-known/jwks.json") URI jwksUri,
        String issuer,
        @DefaultValue(TokenClaims.PLATFORM_AUDIENCE) String audience,
        @DefaultValue({}) List<String> publicPaths) {

    public String expectedIssuer() {
        if (issuer != null && !issuer.isBlank()) {
            return issuer;
        }
        return jwksUri.getScheme() + "://" + jwksUri.getRawAuthority();
    }
}
