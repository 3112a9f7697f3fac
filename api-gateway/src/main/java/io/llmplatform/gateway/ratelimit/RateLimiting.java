package io.llmplatform.gateway.ratelimit;

import io.llmplatform.gateway.edge.ClientAddresses;
import io.llmplatform.gateway.routing.RoutingProperties.RateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/** Gives each route the rate limit filter of its class, over the configured bucket store. */
public final class RateLimiting {

    private final TokenBuckets buckets;
    private final ClientAddresses clientAddresses;
    private final MeterRegistry meters;

    RateLimiting(TokenBuckets buckets, ClientAddresses clientAddresses, MeterRegistry meters) {
        this.buckets = buckets;
        this.clientAddresses = clientAddresses;
        this.meters = meters;
    }

    public GatewayFilter filterFor(String routeClass, RateLimit limit) {
        return new RateLimitFilter(routeClass, limit, buckets, clientAddresses,
                decisions(routeClass, "allowed"), decisions(routeClass, "rejected"));
    }

    private Counter decisions(String routeClass, String outcome) {
        return Counter.builder("platform.gateway.rate_limit.decisions")
                .description("Rate limit decisions by route class")
                .tag("route_class", routeClass)
                .tag("outcome", outcome)
                .register(meters);
    }
}
