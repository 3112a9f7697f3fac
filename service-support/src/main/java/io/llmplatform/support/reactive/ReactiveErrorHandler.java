package io.llmplatform.support.reactive;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ApiErrorMapper;
import io.llmplatform.support.error.ErrorBody;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.TraceIds;
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
        ApiError error = mapWithRequestIdLogged(failure, requestId);
        ErrorBody body = bodies.create(error, exchange.getRequest().getPath().value(),
                traceIds.of(exchange.getAttributes()), requestId);
        response.setStatusCode(HttpStatus.valueOf(body.status()));
        response.getHeaders().addAll(error.headers());
        response.getHeaders().setContentType(body.contentType());
        byte[] bytes = json.writeValueAsBytes(body.body());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /** Errors surface outside the web filter chain, whose Reactor context carried the id; restore it for the log. */
    private ApiError mapWithRequestIdLogged(Throwable failure, String requestId) {
        if (requestId == null) {
            return mapper.map(failure);
        }
        try (var ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            return mapper.map(failure);
        }
    }
}
