package io.llmplatform.chat.upstream;

import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.support.upstream.UpstreamResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Ends streams whose first chunk has not come within the first-token timeout, that went silent for longer than the
 * between-tokens timeout, or that ran past the request timeout, by aborting their upstream connection: the reading
 * thread then fails with a timeout. One scan every quarter second for all streams costs less than a timer per token.
 */
@Component
public class StreamWatchdog implements DisposableBean {

    private final Map<Watched, Boolean> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stream-watchdog").factory());
    private final long firstTokenNanos;
    private final long betweenTokensNanos;
    private final long requestNanos;

    StreamWatchdog(ChatProperties properties) {
        this.firstTokenNanos = properties.timeouts().firstToken().toNanos();
        this.betweenTokensNanos = properties.timeouts().betweenTokens().toNanos();
        this.requestNanos = properties.timeouts().request().toNanos();
        scanner.scheduleWithFixedDelay(this::scan, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Watches a stream until the returned handle is closed; call {@link Watched#activity()} on every chunk. */
    public Watched watch(UpstreamResponse stream) {
        Watched watch = new Watched(stream, System.nanoTime());
        watched.put(watch, Boolean.TRUE);
        return watch;
    }

    private void scan() {
        long now = System.nanoTime();
        watched.keySet().forEach(watch -> {
            long silenceAllowed = watch.active ? betweenTokensNanos : firstTokenNanos;
            if (now - watch.lastActivity > silenceAllowed || now - watch.started > requestNanos) {
                watch.timedOut = true;
                watch.stream.abort();
                watched.remove(watch);
            }
        });
    }

    @Override
    public void destroy() {
        scanner.shutdownNow();
    }

    /** One watched stream. */
    public final class Watched implements AutoCloseable {
        private final UpstreamResponse stream;
        private final long started;
        private volatile long lastActivity;
        private volatile boolean active;
        private volatile boolean timedOut;

        private Watched(UpstreamResponse stream, long started) {
            this.stream = stream;
            this.started = started;
            this.lastActivity = started;
        }

        public void activity() {
            lastActivity = System.nanoTime();
            active = true;
        }

        public boolean timedOut() {
            return timedOut;
        }

        public Duration silence() {
            return Duration.ofNanos(System.nanoTime() - lastActivity);
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
