package io.llmplatform.gateway.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway keeps access token checks cheap. Where tokens come from (JWKS URL, issuer, audience) is the
 * platform's {@code platform.security.*}, as for every service.
 *
 * @param jwksRefreshInterval how long fetched signing keys are used before the JWKS is read again; a key removed from
 *     the JWKS stops verifying new tokens within this time
 * @param jwksMinRefreshInterval the least time between two reads of the JWKS, however many tokens name unknown keys
 * @param jwksTimeout how long reading the JWKS may take
 * @param maxCachedTokens how many validated tokens are remembered (each until its {@code exp})
 */
@ConfigurationProperties("platform.gateway.tokens")
@Validated
public record TokenValidationProperties(
        @DefaultValue("5m") @NotNull Duration jwksRefreshInterval,
        @DefaultValue("10s") @NotNull Duration jwksMinRefreshInterval,
        @DefaultValue("3s") @NotNull Duration jwksTimeout,
        @DefaultValue("20000") @Positive long maxCachedTokens) {
}
