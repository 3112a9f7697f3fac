package io.llmplatform.simulator.model;

import io.llmplatform.simulator.fault.ServingGuard;
import io.llmplatform.simulator.http.Replies;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.metrics.VllmMetrics;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** {@code GET /health} (empty 200, or 503 while loading or not ready), {@code /version} and {@code /metrics}. */
public final class HealthEndpoints {

    private final ServingGuard guard;
    private final VllmMetrics metrics;
    private final SimulatorJson json;
    private final String version;

    public HealthEndpoints(ServingGuard guard, VllmMetrics metrics, SimulatorJson json, String version) {
        this.guard = guard;
        this.metrics = metrics;
        this.json = json;
        this.version = version;
    }

    public Publisher<Void> health(HttpServerRequest request, HttpServerResponse response) {
        return Replies.empty(response, guard.ready() ? 200 : 503);
    }

    public Publisher<Void> version(HttpServerRequest request, HttpServerResponse response) {
        return Replies.json(response, 200, json.write(Map.of("version", version)));
    }

    public Publisher<Void> metrics(HttpServerRequest request, HttpServerResponse response) {
        byte[] body = metrics.scrape();
        return response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, metrics.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .send(Mono.just(Unpooled.wrappedBuffer(body)));
    }
}
