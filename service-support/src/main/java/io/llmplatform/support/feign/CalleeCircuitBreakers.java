package io.llmplatform.support.feign;

import feign.Capability;
import feign.Client;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.core.Ordered;

/**
 * Puts a {@link CircuitBreakingClient} around every Feign client's HTTP exchange. First in order, so it is the
 * innermost decoration and sees only the exchange. Public because Feign calls it reflectively.
 */
public final class CalleeCircuitBreakers implements Capability, Ordered {

    private final CircuitBreakerRegistry registry;

    CalleeCircuitBreakers(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Client enrich(Client client) {
        return new CircuitBreakingClient(client, registry);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
