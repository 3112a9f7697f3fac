package io.llmplatform.chat.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.support.upstream.ModelServerCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** One circuit breaker per model endpoint, and the calls to model servers they guard. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    CircuitBreakerRegistry circuitBreakers(ChatProperties properties, MeterRegistry meters) {
        return ModelServerCalls.breakers(properties.resilience(), meters);
    }

    @Bean
    ModelServerCalls modelServerCalls(ChatProperties properties, CircuitBreakerRegistry breakers, JsonMapper json,
            ObjectProvider<ObservationRegistry> observations) {
        return new ModelServerCalls(properties.timeouts().connect(), properties.resilience().connectRetries(),
                breakers, json, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
