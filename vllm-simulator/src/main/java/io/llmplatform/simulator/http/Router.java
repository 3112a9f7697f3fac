package io.llmplatform.simulator.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Dispatches by method and exact path, answers unknown paths and methods as FastAPI does, and turns a
 * {@link VllmError} raised by a handler into vLLM's error body.
 */
public final class Router implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** Handles one request; may throw {@link VllmError} or signal it. */
    @FunctionalInterface
    public interface Handler {
        Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response);
    }

    private enum Method { GET, POST, PUT, DELETE }

    private final Map<String, Map<Method, Handler>> routes = new HashMap<>();
    private final SimulatorJson json;

    public Router(SimulatorJson json) {
        this.json = json;
    }

    public Router get(String path, Handler handler) {
        return add(Method.GET, path, handler);
    }

    public Router post(String path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    public Router put(String path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    public Router delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    private Router add(Method method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new EnumMap<>(Method.class)).put(method, handler);
        return this;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        Map<Method, Handler> byMethod = routes.get(request.fullPath());
        if (byMethod == null) {
            return Replies.detail(response, 404);
        }
        Handler handler = byMethod.get(methodOf(request.method()));
        if (handler == null) {
            return Replies.detail(response, 405);
        }
        return Mono.defer(() -> Mono.from(handler.handle(request, response)))
                .onErrorResume(error -> reply(response, error));
    }

    private Mono<Void> reply(HttpServerResponse response, Throwable error) {
        if (response.hasSentHeaders()) {
            return Mono.error(error);
        }
        if (error instanceof VllmError vllmError) {
            return Mono.from(Replies.error(response, vllmError, json));
        }
        log.error("Unexpected failure", error);
        return Mono.from(Replies.error(response, VllmError.ofStatus(500, "Internal server error"), json));
    }

    private static Method methodOf(HttpMethod method) {
        return switch (method.name()) {
            case "GET" -> Method.GET;
            case "POST" -> Method.POST;
            case "PUT" -> Method.PUT;
            case "DELETE" -> Method.DELETE;
            default -> null;
        };
    }
}
