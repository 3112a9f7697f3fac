package io.llmplatform.simulator.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads a request body whole, and enforces vLLM's JSON-only content type on JSON endpoints. */
public final class RequestBodies {

    private static final byte[] EMPTY = new byte[0];

    private RequestBodies() {
    }

    public static Mono<byte[]> read(HttpServerRequest request) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY);
    }

    /** vLLM answers 415 to a JSON endpoint called with another content type. */
    public static Mono<byte[]> readJson(HttpServerRequest request) {
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!contentType.split(";")[0].trim().equalsIgnoreCase("application/json")) {
            return Mono.error(new VllmError(415, "Unsupported Media Type",
                    "Unsupported Media Type: Only 'application/json' is allowed", null));
        }
        return read(request);
    }
}
