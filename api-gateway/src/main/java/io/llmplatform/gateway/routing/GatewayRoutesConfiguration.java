package io.llmplatform.gateway.routing;

import io.llmplatform.gateway.ratelimit.RateLimiting;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the routes from {@link RoutingProperties}: each route gets its class's rate limit, body limit and response
 * timeout, its service's circuit breaker, and GET retries. Each service's OpenAPI document is routed at
 * {@code /v3/api-docs/<service>} for the gateway's Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
class GatewayRoutesConfiguration {

    /** Route metadata naming the route's class. */
    static final String ROUTE_CLASS_METADATA = "route-class";
    static final String API_DOCS_PREFIX = "/v3/api-docs/";

    // Filter orders: limits before anything reaches a service; the breaker and retries inside the response writer
    // (order -1), so they see the call end when the response headers arrive.
    private static final int RATE_LIMIT_ORDER = -300;
    private static final int SIZE_LIMIT_ORDER = -290;
    private static final int CIRCUIT_BREAKER_ORDER = 10;
    private static final int RETRY_ORDER = 20;
    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofMillis(500);

    @Bean
    DownstreamCircuitBreakers downstreamCircuitBreakers(RoutingProperties properties, MeterRegistry meters) {
        return new DownstreamCircuitBreakers(properties, meters);
    }

    @Bean
    RouteLocator platformRoutes(RouteLocatorBuilder builder, RoutingProperties properties,
            DownstreamCircuitBreakers breakers, RateLimiting rateLimiting, JsonMapper json) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        List<RoutingProperties.Route> configured = properties.routes();
        for (int i = 0; i < configured.size(); i++) {
            RoutingProperties.Route route = configured.get(i);
            RouteTarget target = target(properties, route.id(), route.service(), route.routeClass());
            int order = i;
            routes.route(route.id(), spec -> target.apply(spec.order(order).path(route.paths().toArray(String[]::new))
                    .filters(filters -> target.filters(filters, breakers, rateLimiting))));
        }
        ApiDocsServers docsServers = new ApiDocsServers(json);
        for (String service : properties.services().keySet()) {
            RouteTarget target = target(properties, service + "-api-docs", service, RoutingProperties.DEFAULT_CLASS);
            routes.route(target.routeId(), spec -> target.apply(spec.order(configured.size())
                    .path(API_DOCS_PREFIX + service)
                    .filters(filters -> target.filters(filters.setPath("/v3/api-docs")
                            .modifyResponseBody(byte[].class, byte[].class, docsServers), breakers, rateLimiting))));
        }
        return routes.build();
    }

    private static RouteTarget target(RoutingProperties properties, String routeId, String service,
            String className) {
        URI uri = properties.services().get(service);
        if (uri == null) {
            throw new IllegalStateException("Route '" + routeId + "' names service '" + service
                    + "', which is not in platform.gateway.routing.services " + properties.services().keySet());
        }
        RoutingProperties.RouteClass routeClass = properties.routeClasses().get(className);
        if (routeClass == null) {
            throw new IllegalStateException("Route '" + routeId + "' names route class '" + className
                    + "', which is not in platform.gateway.routing.route-classes "
                    + properties.routeClasses().keySet());
        }
        return new RouteTarget(routeId, service, uri, className, routeClass, properties.connectTimeout());
    }

    private record RouteTarget(String routeId, String service, URI uri, String className,
            RoutingProperties.RouteClass routeClass, Duration connectTimeout) {

        GatewayFilterSpec filters(GatewayFilterSpec filters, DownstreamCircuitBreakers breakers,
                RateLimiting rateLimiting) {
            return filters
                    .filter(rateLimiting.filterFor(className, routeClass.rateLimit()), RATE_LIMIT_ORDER)
                    .filter(new RequestSizeLimitFilter(routeClass.maxRequestSize()), SIZE_LIMIT_ORDER)
                    .filter(new CircuitBreakerFilter(breakers.forService(service)), CIRCUIT_BREAKER_ORDER)
                    .filter(idempotentRetries(routeClass.getRetries()), RETRY_ORDER);
        }

        Buildable<Route> apply(UriSpec spec) {
            return spec.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, routeClass.responseTimeout().toMillis())
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, Math.toIntExact(connectTimeout.toMillis()))
                    .metadata(ROUTE_CLASS_METADATA, className)
                    .uri(uri);
        }
    }

    /**
     * Spring Cloud Gateway's retry, for GET and HEAD only (other methods may have had effects): when the service
     * could not be reached or the connection broke before a response (an {@link IOException}), or it answered 502
     * or 503 (a replica going away). Never on a timeout: the route's timeout is already the patience a client gets.
     * Built outside the route builder, so the request body is never cached for it.
     */
    private static GatewayFilter idempotentRetries(int retries) {
        if (retries == 0) {
            return (exchange, chain) -> chain.filter(exchange);
        }
        RetryGatewayFilterFactory.RetryConfig config = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(retries)
                .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                .setExceptions(IOException.class)
                .setBackoff(FIRST_RETRY_PAUSE, LONGEST_RETRY_PAUSE, 2, false);
        return new RetryGatewayFilterFactory().apply(config);
    }
}
