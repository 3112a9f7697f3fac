package io.llmplatform.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * One breaker per downstream service, created up front so its state shows in the metrics
 * ({@code resilience4j_circuitbreaker_state{name="chat-service"}}) before the first call.
 */
final class DownstreamCircuitBreakers {

    private final CircuitBreakerRegistry registry;

    DownstreamCircuitBreakers(RoutingProperties properties, MeterRegistry meters) {
        RoutingProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(DownstreamFailures::countsAgainstService)
                .ignoreException(failure -> !DownstreamFailures.countsAgainstService(failure))
                // A slow answer is still an answer; the route's response timeout turns a hang into a failure.
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build();
        this.registry = CircuitBreakerRegistry.of(config);
        properties.services().keySet().forEach(registry::circuitBreaker);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    CircuitBreaker forService(String service) {
        return registry.circuitBreaker(service);
    }
}
