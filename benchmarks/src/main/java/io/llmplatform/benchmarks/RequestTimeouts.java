package io.llmplatform.benchmarks;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Ends requests that take longer than the timeout, as an error outcome. Every request has the same timeout and they
 * start in order, so their deadlines are in order too: one queue and a sweep every few milliseconds replace a timer per
 * request, which would cost the generator more than the requests it sends.
 */
final class RequestTimeouts implements AutoCloseable {

    static final String TIMEOUT = "timeout";
    private static final long SWEEP_MILLIS = 10;

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Guarded> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-generator-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    RequestTimeouts(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The request's outcome, or a {@code timeout} outcome if it has none by {@code startNanos + timeout}. */
    Mono<Outcome> guard(Mono<Outcome> request, long startNanos) {
        return Mono.create(sink -> {
            Guarded guarded = new Guarded(startNanos + timeoutNanos, () -> sink.success(
                    new Outcome(startNanos, 0, TIMEOUT, 0, System.nanoTime(), 0)));
            pending.add(guarded);
            sink.onCancel(guarded.subscription);
            guarded.subscription.update(request.subscribe(outcome -> {
                if (guarded.finished.compareAndSet(false, true)) {
                    sink.success(outcome);
                }
            }));
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        Guarded head;
        while ((head = pending.peek()) != null && (head.finished.get() || head.deadline - now <= 0)) {
            pending.poll();
            if (head.finished.compareAndSet(false, true)) {
                head.subscription.dispose();
                head.onTimeout.run();
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private static final class Guarded {
        final long deadline;
        final Runnable onTimeout;
        final AtomicBoolean finished = new AtomicBoolean();
        final Disposable.Swap subscription = Disposables.swap();

        Guarded(long deadline, Runnable onTimeout) {
            this.deadline = deadline;
            this.onTimeout = onTimeout;
        }
    }
}
