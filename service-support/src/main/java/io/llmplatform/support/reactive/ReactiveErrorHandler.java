package io.llmplatform.support.reactive;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ApiErrorMapper;
import io.llmplatform.support.error.ErrorBody;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.TraceIds;
import io.micrometer.tracing.TraceContext;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The one place a WebFlux service turns exceptions into error responses; replaces Boot's default handler. */
@Order(-2)
final class ReactiveErrorHandler implements ErrorWebExceptionHandler {

    private final ApiErrorMapper mapper;
    private final ErrorBodyFactory bodies;
    private final TraceIds traceIds;
    private final JsonMapper json;

    ReactiveErrorHandler(ApiErrorMapper mapper, ErrorBodyFactory bodies, TraceIds traceIds, JsonMapper json) {
        this.mapper = mapper;
        this.bodies = bodies;
        this.traceIds = traceIds;
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        ApiError error = mapWithIdsLogged(failure, requestId, traceIds.contextOf(exchange.getAttributes()));
        ErrorBody body = bodies.create(error, exchange.getRequest().getPath().value(),
                traceIds.of(exchange.getAttributes()), requestId);
        response.setStatusCode(HttpStatus.valueOf(body.status()));
        response.getHeaders().addAll(error.headers());
        response.getHeaders().setContentType(body.contentType());
        byte[] bytes = json.writeValueAsBytes(body.body());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /**
     * Errors surface outside the web filter chain, and the gateway does not restore thread-locals along its
     * pipelines: the ids go on this thread for the mapper's log line.
     */
    private ApiError mapWithIdsLogged(Throwable failure, String requestId, TraceContext trace) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        try {
            putIfPresent(RequestIds.MDC_KEY, requestId);
            if (trace != null) {
                MDC.put("traceId", trace.traceId());
                MDC.put("spanId", trace.spanId());
            }
            return mapper.map(failure);
        } finally {
            if (previous != null) {
                MDC.setContextMap(previous);
            } else {
                MDC.clear();
            }
        }
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
