package io.llmplatform.gateway.routing;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the route's limit with 413 {@code payload_too_large}: at once from
 * {@code Content-Length}, or while streaming a chunked body, which is counted as it is relayed.
 */
final class RequestSizeLimitFilter implements GatewayFilter {

    private final long maxBytes;
    private final String limit;

    RequestSizeLimitFilter(DataSize max) {
        this.maxBytes = max.toBytes();
        this.limit = readable(max);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        // No length declared (chunked, or HTTP/2): count the body as it is relayed.
        return chain.filter(exchange.mutate().request(new CountedBody(request)).build());
    }

    private PlatformException tooLarge() {
        return new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit);
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        return bytes % 1024 == 0 ? size.toKilobytes() + " KB" : bytes + " bytes";
    }

    private final class CountedBody extends ServerHttpRequestDecorator {

        CountedBody(ServerHttpRequest request) {
            super(request);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            long[] seen = {0};
            return super.getBody().handle((buffer, sink) -> {
                seen[0] += buffer.readableByteCount();
                if (seen[0] > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge());
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
