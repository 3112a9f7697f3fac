package io.llmplatform.gateway.edge;

import io.netty.channel.EventLoop;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Brings a request's processing back to its own connection's event loop after work that finished on another thread
 * (Redis answers on Lettuce's threads; an HTTP call may answer on another event loop). A request carried on from
 * a foreign thread sometimes leaves reactor-netty 1.3.6 (Spring Boot 4.0.7's) unable to start the next request of
 * that keep-alive connection: the client waits until it gives up (about 1 request in 500 here; reactor-netty issues
 * 4188 and 4361 describe such races). 1.3.8 reworks that code, but pinned alone over Boot's netty 4.2.15 it closed
 * connections without answering, and the netty it is built against lacks its native jars in this registry. Free
 * when already on the loop. Used by {@link FinishOnConnectionLoopFilter}, {@link AfterAuthenticationEventLoopFilter}
 * and the rate limiter; drop them, and {@link UnreadBodyClosesConnectionFilter}, once Boot brings reactor-netty
 * 1.3.8 or later.
 */
public final class ConnectionEventLoop {

    /** {@code work}'s result, delivered on the exchange's event loop. */
    public static <T> Mono<T> resumeOn(ServerWebExchange exchange, Mono<T> work) {
        Scheduler loop = schedulerOf(exchange);
        return loop == null ? work : work.publishOn(loop);
    }

    /** {@code work} started on the exchange's event loop. */
    static <T> Mono<T> startOn(ServerWebExchange exchange, Mono<T> work) {
        Scheduler loop = schedulerOf(exchange);
        return loop == null ? work : work.subscribeOn(loop);
    }

    private static Scheduler schedulerOf(ServerWebExchange exchange) {
        if (!(ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection)) {
            return null;
        }
        EventLoop eventLoop = connection.channel().eventLoop();
        return Schedulers.fromExecutor(task -> {
            if (eventLoop.inEventLoop()) {
                task.run();
            } else {
                eventLoop.execute(task);
            }
        });
    }

    private ConnectionEventLoop() {
    }
}
