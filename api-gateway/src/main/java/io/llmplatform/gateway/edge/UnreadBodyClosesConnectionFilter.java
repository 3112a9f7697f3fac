package io.llmplatform.gateway.edge;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's own answer sent before its request's body was read (401, 403, 413, 429...) closes the connection.
 * The gateway never reads a body it refuses, and reactor-netty 1.3.6 then sometimes never starts the next request of
 * that keep-alive connection (see {@link ConnectionEventLoop}); closing is also what RFC 9112 suggests after
 * refusing a body. Clients simply reconnect.
 */
final class UnreadBodyClosesConnectionFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        AtomicBoolean bodyRead = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> {
            // A service's own answer is relayed as it is: the service read what it needed.
            boolean relayed = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null;
            if (!relayed && !bodyRead.get()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        ServerHttpRequest watched = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnComplete(() -> bodyRead.set(true));
            }
        };
        return chain.filter(exchange.mutate().request(watched).build());
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Outside every filter that may answer before reading the body. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
