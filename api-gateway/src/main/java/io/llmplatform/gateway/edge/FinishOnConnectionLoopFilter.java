package io.llmplatform.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A request that ended on another thread (a refusal decided by auth-service's answer, say) is finished, and its error
 * written, on its own connection's event loop (see {@link ConnectionEventLoop}).
 */
final class FinishOnConnectionLoopFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ConnectionEventLoop.resumeOn(exchange, chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
