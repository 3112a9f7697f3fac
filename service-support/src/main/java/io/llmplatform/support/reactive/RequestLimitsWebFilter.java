package io.llmplatform.support.reactive;

import io.llmplatform.support.PlatformException;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.limits.RequestLimits;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses an over-long URI (414) or oversized headers (431) before anything else reads the request. */
final class RequestLimitsWebFilter implements WebFilter, Ordered {

    private final RequestLimits limits;

    RequestLimitsWebFilter(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        URI uri = request.getURI();
        String query = uri.getRawQuery();
        ApiError refused = limits.checkUri(uri.getRawPath().length() + (query == null ? 0 : query.length() + 1));
        if (refused == null) {
            refused = limits.checkHeaders(RequestLimits.sizeOf(request.getHeaders().headerSet()));
        }
        if (refused != null) {
            return Mono.error(new PlatformException(refused.code(), refused.message()));
        }
        return chain.filter(exchange);
    }

    /** Right after the request id, so the refusal carries it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
