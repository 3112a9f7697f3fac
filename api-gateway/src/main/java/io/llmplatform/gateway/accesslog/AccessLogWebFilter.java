package io.llmplatform.gateway.accesslog;

import io.llmplatform.gateway.edge.ClientAddresses;
import io.llmplatform.gateway.security.EdgeCaller;
import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One structured log line per request when it ends: method, path, route, status, duration, caller and client
 * address as key-values, with the {@code traceId} and {@code requestId} every log line carries. Health and metrics
 * scrapes are not logged. A request that failed is logged once the error handler has chosen its status.
 */
final class AccessLogWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.llmplatform.gateway.access");

    private final TraceIds traceIds;
    private final ClientAddresses clientAddresses;

    AccessLogWebFilter(TraceIds traceIds, ClientAddresses clientAddresses) {
        this.traceIds = traceIds;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled() || exchange.getRequest().getPath().value().startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            ServerHttpResponse response = exchange.getResponse();
            if (signal == SignalType.ON_ERROR && !response.isCommitted()) {
                response.beforeCommit(() -> Mono.fromRunnable(() -> write(exchange, start, signal)));
            } else {
                write(exchange, start, signal);
            }
        });
    }

    private void write(ServerWebExchange exchange, long start, SignalType signal) {
        long micros = (System.nanoTime() - start) / 1_000;
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        EdgeCaller caller = exchange.getAttribute(EdgeCaller.ATTRIBUTE);
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        int code = status != null ? status.value() : 200;
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("route", route != null ? route.getId() : null)
                .addKeyValue("status", code)
                .addKeyValue("durationMs", micros / 1000.0)
                .addKeyValue("clientIp", clientAddresses.of(exchange));
        if (caller != null) {
            line = line.addKeyValue("userId", caller.userId());
            if (caller.apiKeyId() != null) {
                line = line.addKeyValue("apiKeyId", caller.apiKeyId());
            }
        }
        if (signal == SignalType.CANCEL) {
            line = line.addKeyValue("cancelled", true);
        }
        withIds(exchange, line.setMessage(method + " " + path + " " + code));
    }

    /** Outside the request's pipeline the ids may not be on this thread: put them there for this one line. */
    private void withIds(ServerWebExchange exchange, LoggingEventBuilder line) {
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        String traceId = traceIds.of(exchange.getAttributes());
        String previousRequestId = MDC.get(RequestIds.MDC_KEY);
        String previousTraceId = MDC.get("traceId");
        try {
            put(RequestIds.MDC_KEY, requestId);
            put("traceId", traceId);
            line.log();
        } finally {
            put(RequestIds.MDC_KEY, previousRequestId);
            put("traceId", previousTraceId);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Just inside the request id filter, so every other filter's work counts in the duration. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
