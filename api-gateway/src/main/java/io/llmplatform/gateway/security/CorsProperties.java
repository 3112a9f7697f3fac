package io.llmplatform.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser apps may call the platform. Preflights are answered at the edge; a request from any other origin gets
 * 403 and no CORS headers.
 *
 * @param allowedOrigins one per UI app, e.g. {@code https://chat.example.com}; patterns such as
 *     {@code https://*.example.com} are allowed
 */
@ConfigurationProperties("platform.gateway.cors")
public record CorsProperties(
        @DefaultValue({}) List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "Accept", "X-Request-Id", "traceparent", "tracestate",
                "Last-Event-ID"}) List<String> allowedHeaders,
        @DefaultValue({"X-Request-Id", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                "X-RateLimit-Reset", "Content-Disposition", "Location"}) List<String> exposedHeaders,
        @DefaultValue("true") boolean allowCredentials,
        @DefaultValue("1h") Duration maxAge) {
}
