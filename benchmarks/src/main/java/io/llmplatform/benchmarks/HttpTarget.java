package io.llmplatform.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Sends the test's request with a non-blocking client (Reactor Netty) and turns the answer into an {@link Outcome}:
 * never an exception, so a failure is measured like any answer.
 */
final class HttpTarget implements AutoCloseable {

    private final LoadTestConfig config;
    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final HttpClient.ResponseReceiver<?> request;

    HttpTarget(LoadTestConfig config, int ioThreads) {
        this.config = config;
        this.connections = ConnectionProvider.builder("load-generator")
                .maxConnections(config.connections())
                .pendingAcquireMaxCount(-1)
                .build();
        this.loops = LoopResources.create("load-generator", ioThreads, true);
        ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(config.body()));
        // No silent retry: a request the server dropped is an error to count, not a second request.
        HttpClient client = HttpClient.create(connections).runOn(loops).disableRetry(true)
                .host(config.url().getHost()).port(port(config))
                .headers(headers -> {
            config.headers().forEach(header -> headers.add(header.name(), header.value()));
            if (config.body().length > 0 && !headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
        });
        HttpClient.RequestSender sender = client.request(HttpMethod.valueOf(config.method()))
                .uri(pathAndQuery(config));
        this.request = config.body().length == 0 ? sender
                : sender.send((req, out) -> out.send(Mono.just(body.retainedDuplicate())));
    }

    /** The client's event loops, so that an open-loop schedule can run on them and send without a thread hop. */
    List<EventLoop> eventLoops() {
        List<EventLoop> eventLoops = new ArrayList<>();
        loops.onClient(true).forEach(executor -> eventLoops.add((EventLoop) executor));
        return eventLoops;
    }

    /** Sends one request; {@code startNanos} is when it counts from. */
    Mono<Outcome> execute(long startNanos) {
        return request.response((response, content) -> read(response, content, startNanos))
                .next()
                .onErrorResume(error -> Mono.just(
                        new Outcome(startNanos, 0, error.getClass().getSimpleName(), 0, System.nanoTime(), 0)));
    }

    private Mono<Outcome> read(HttpClientResponse response, ByteBufFlux content, long startNanos) {
        int status = response.status().code();
        if (!config.stream() || status >= 300) {
            return content.then(Mono.fromCallable(() -> new Outcome(startNanos, status, null, 0, System.nanoTime(),
                    0)));
        }
        SseTokenCounter counter = new SseTokenCounter();
        return content.doOnNext(buffer -> counter.feed(buffer, System.nanoTime()))
                .then(Mono.fromCallable(() -> new Outcome(startNanos, status,
                        counter.done() ? null : "incomplete stream", counter.firstTokenNanos(), System.nanoTime(),
                        counter.tokens())));
    }

    private static int port(LoadTestConfig config) {
        int port = config.url().getPort();
        return port > 0 ? port : "https".equals(config.url().getScheme()) ? 443 : 80;
    }

    private static String pathAndQuery(LoadTestConfig config) {
        String path = config.url().getRawPath().isEmpty() ? "/" : config.url().getRawPath();
        return config.url().getRawQuery() == null ? path : path + "?" + config.url().getRawQuery();
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }
}
