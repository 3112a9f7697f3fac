package io.llmplatform.support.feign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every Feign client of a service behaves beyond its timeouts (those are Spring Cloud OpenFeign's own
 * {@code spring.cloud.openfeign.client.config.<client>.connect-timeout} and {@code read-timeout}).
 *
 * @param retry retries of idempotent calls (GET, HEAD) that could not reach the callee or got 502/503/504
 * @param circuitBreaker one breaker per client, counting calls that did not reach the callee or timed out
 * @param credentials per client name, how its calls authenticate: {@code forward-user} (the default: the bearer
 *     token of the request being served), {@code service-for-user} (see {@link ServiceForUserCredentials}) or
 *     {@code none}
 * @param serviceToken the service's own client-credentials token, for {@code service-for-user}
 */
@Validated
@ConfigurationProperties("platform.feign")
public record FeignProperties(
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue({}) Map<String, String> credentials,
        @Valid @NotNull @DefaultValue ServiceToken serviceToken) {

    /**
     * @param registrationId the Spring Security OAuth2 client registration ({@code client_credentials}) whose token
     *     {@code service-for-user} sends; the mode exists only when it is set
     */
    public record ServiceToken(
            String registrationId,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout) {
    }

    /** @param attempts tries in all, the first included */
    public record Retry(@DefaultValue("3") @Min(1) int attempts, @DefaultValue("100ms") Duration backoff) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param openFor how long an open circuit refuses calls before it lets a few through again
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") @Min(2) int slidingWindowCalls,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("10s") Duration openFor) {
    }
}
