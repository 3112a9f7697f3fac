package io.llmplatform.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authentication may have finished on another thread (auth-service's JWKS or key exchange answered there): routing
 * goes on from the request's own event loop (see {@link ConnectionEventLoop}).
 */
final class AfterAuthenticationEventLoopFilter implements WebFilter, Ordered {

    /** Just inside Spring Security's filter chain proxy (order -100). */
    static final int ORDER = -99;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ConnectionEventLoop.startOn(exchange, Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
