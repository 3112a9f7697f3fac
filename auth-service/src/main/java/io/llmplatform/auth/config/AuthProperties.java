package io.llmplatform.auth.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service's settings. Secrets ({@code keyEncryptionKey}, service client secrets, the first admin's password)
 * come from the environment only.
 *
 * @param issuer the {@code iss} of every token; services expect it (by default their JWKS URL's origin)
 * @param keyEncryptionKey base64 of 32 random bytes ({@code AUTH_KEY_ENCRYPTION_KEY}); encrypts signing keys at rest
 * @param keyRotationPeriod how long a signing key signs before a new one replaces it
 * @param defaultMonthlyTokenLimit the limit a new user starts with
 */
@Validated
@ConfigurationProperties("platform.auth")
public record AuthProperties(
        @NotBlank String issuer,
        @NotBlank(message = "set AUTH_KEY_ENCRYPTION_KEY to base64 of 32 random bytes (openssl rand -base64 32)")
        String keyEncryptionKey,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl,
        @DefaultValue("5m") Duration apiKeyTokenTtl,
        @DefaultValue("10m") Duration serviceTokenTtl,
        @DefaultValue("30d") Duration keyRotationPeriod,
        @DefaultValue("1000000") @Min(0) long defaultMonthlyTokenLimit,
        @Valid @NotNull @DefaultValue Lockout lockout,
        @Valid @NotNull @DefaultValue Admin admin,
        @Valid @NotNull @DefaultValue List<ServiceClient> serviceClients,
        @Valid @NotNull @DefaultValue Kafka kafka) {

    /**
     * Failed logins lock an account (by the login typed) or a client IP for {@code lockDuration} once they reach
     * their maximum within {@code window}.
     */
    public record Lockout(
            @DefaultValue("5") @Min(1) int accountMaxFailures,
            @DefaultValue("50") @Min(1) int ipMaxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockDuration) {
    }

    /** The first administrator, created at start-up when no administrator exists and both are set. */
    public record Admin(String email, String password, String username) {

        public boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }

    /**
     * @param partitions partitions of the usage topics; usage is keyed by user, so this bounds ledger parallelism
     * @param ledgerConsumers consumer threads recording usage (at most {@code partitions} are busy)
     */
    public record Kafka(
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("1") @Min(1) short replicationFactor,
            @DefaultValue("2") @Min(1) int ledgerConsumers) {
    }

    /** A platform service that may obtain a token for itself (client credentials); without a secret it cannot. */
    public record ServiceClient(@NotBlank String id, String secret) {
    }
}
