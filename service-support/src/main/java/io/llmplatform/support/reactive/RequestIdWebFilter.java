package io.llmplatform.support.reactive;

import io.llmplatform.support.RequestIds;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Accepts or creates the request id, echoes it, and sets it on the request itself so that a proxying service (the
 * gateway) forwards the same id to the next hop.
 */
final class RequestIdWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.acceptOrGenerate(
                exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, requestId)))
                .build();
        withId.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
        withId.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(withId).contextWrite(context -> context.put(RequestIds.MDC_KEY, requestId));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
