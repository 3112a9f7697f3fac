package io.llmplatform.gateway.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway turns a program's API key into an access token at auth-service.
 *
 * @param authServiceUrl auth-service's base URL (its {@code /oauth2/token} and key exchange endpoints)
 * @param clientId the gateway's client-credentials identity at auth-service
 * @param clientSecret its secret ({@code GATEWAY_CLIENT_SECRET}); without it API keys cannot be exchanged
 * @param cacheTtl how long an exchange's answer is reused for the same key: also how long a revoked key (or a
 *     disabled owner) may keep working
 * @param timeout how long a call to auth-service may take
 * @param maxCachedKeys how many keys' answers are remembered
 */
@ConfigurationProperties("platform.gateway.api-keys")
@Validated
public record ApiKeyProperties(
        @DefaultValue("http://localhost:8081") @NotNull URI authServiceUrl,
        @DefaultValue("api-gateway") @NotBlank String clientId,
        String clientSecret,
        @DefaultValue("30s") @NotNull Duration cacheTtl,
        @DefaultValue("3s") @NotNull Duration timeout,
        @DefaultValue("10000") @Positive long maxCachedKeys) {

    @Override
    public String toString() {
        return "ApiKeyProperties[authServiceUrl=" + authServiceUrl + ", clientId=" + clientId + ", cacheTtl="
                + cacheTtl + "]";
    }
}
