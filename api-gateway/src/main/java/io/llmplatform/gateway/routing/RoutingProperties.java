package io.llmplatform.gateway.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where each path goes and how each kind of route is treated. Only the paths listed in {@code routes} reach a
 * service; everything else (such as {@code /internal/**}) ends at the gateway.
 *
 * @param services each downstream service's base URL, by name; every service also gets its OpenAPI document routed
 *     at {@code /v3/api-docs/<name>}
 * @param routes path patterns to services, matched in this order
 * @param routeClasses the timeouts, body limit, retries and rate limit a route takes from its class
 * @param connectTimeout how long connecting to a service may take, so a service that is not deployed fails fast
 * @param circuitBreaker when a service that cannot be reached stops being tried for a while
 */
@ConfigurationProperties("platform.gateway.routing")
@Validated
public record RoutingProperties(
        @NotEmpty Map<String, URI> services,
        @NotEmpty List<@Valid Route> routes,
        @NotEmpty Map<String, @Valid RouteClass> routeClasses,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue @Valid CircuitBreaker circuitBreaker) {

    public static final String DEFAULT_CLASS = "default";

    /**
     * @param id the route's name, in metrics and access logs
     * @param service the name of the service in {@code services}
     * @param paths Spring path patterns ({@code /api/v1/chat/**})
     * @param routeClass the name of its class in {@code route-classes}
     */
    public record Route(@NotBlank String id, @NotBlank String service, @NotEmpty List<String> paths,
            @DefaultValue(DEFAULT_CLASS) @NotBlank String routeClass) {
    }

    /**
     * @param responseTimeout until the service's response headers arrive; for streams that is the first event
     * @param maxRequestSize larger request bodies are refused with 413
     * @param getRetries how often a GET or HEAD is retried when the service could not be reached or answered 502/503
     * @param rateLimit requests allowed per caller (user, API key, or client IP when anonymous)
     */
    public record RouteClass(@NotNull Duration responseTimeout, @NotNull DataSize maxRequestSize,
            @DefaultValue("2") @PositiveOrZero int getRetries, @NotNull @Valid RateLimit rateLimit) {
    }

    /** {@code limit} requests per {@code period}, refilled evenly, so a caller may burst up to {@code limit}. */
    public record RateLimit(@Positive int limit, @NotNull Duration period) {
    }

    /**
     * Only failures to reach a service count (cannot connect, no response in time): a service that answers, even
     * with an error, is up.
     */
    public record CircuitBreaker(@DefaultValue("50") @Positive float failureRateThreshold,
            @DefaultValue("20") @Positive int slidingWindowSize,
            @DefaultValue("10") @Positive int minimumNumberOfCalls,
            @DefaultValue("10s") @NotNull Duration waitInOpenState,
            @DefaultValue("3") @Positive int permittedCallsInHalfOpenState) {
    }
}
