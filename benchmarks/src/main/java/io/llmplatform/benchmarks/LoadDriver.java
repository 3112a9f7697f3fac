package io.llmplatform.benchmarks;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives a {@link HttpTarget} for the warm-up plus the measured duration, and records every request of the measured
 * part.
 *
 * <p>Open loop starts request k at {@code start + k / rate} whatever the answers do, and measures each latency from
 * that intended time, so a server that stalls is charged for every request it delays, not only the one it is stuck
 * on (no coordinated omission). The schedule runs on timers of the client's event loops; how late the generator
 * itself started requests is recorded as send lag.
 *
 * <p>Closed loop keeps {@code concurrency} requests in flight, each started as the previous one ends: it finds the
 * throughput a fixed number of clients get, and its latencies are those clients' (they wait, so they do not
 * see the queue an open-loop client would).
 */
final class LoadDriver {

    private LoadDriver() {
    }

    static Measurements run(HttpTarget target, LoadTestConfig config) {
        try (RequestTimeouts timeouts = new RequestTimeouts(config.timeout())) {
            return config.openLoop() ? openLoop(target, timeouts, config) : closedLoop(target, timeouts, config);
        }
    }

    private static Measurements openLoop(HttpTarget target, RequestTimeouts timeouts, LoadTestConfig config) {
        Measurements measurements = new Measurements();
        List<EventLoop> loops = target.eventLoops();
        OpenLoopSchedule schedule = new OpenLoopSchedule(config, loops.size());
        CountDownLatch finished = new CountDownLatch(loops.size());
        for (int lane = 0; lane < loops.size(); lane++) {
            EventLoop loop = loops.get(lane);
            new LaneSender(loop, lane, schedule, target, timeouts, measurements, finished).schedule();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitZero(schedule.inFlight, config.timeout().plusSeconds(5));
        return measurements;
    }

    /** Request k is due at {@code begin + k / rate}; lane i of n sends the requests with {@code k % n == i}. */
    private record OpenLoopSchedule(long begin, long measureFrom, long stopAt, double intervalNanos, int lanes,
            AtomicLong inFlight) {

        OpenLoopSchedule(LoadTestConfig config, int lanes) {
            this(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), config, lanes);
        }

        private OpenLoopSchedule(long begin, LoadTestConfig config, int lanes) {
            this(begin, begin + config.warmup().toNanos(),
                    begin + config.warmup().toNanos() + config.duration().toNanos(), 1e9 / config.rate(), lanes,
                    new AtomicLong());
        }

        long due(long k) {
            return begin + (long) (k * intervalNanos);
        }
    }

    /**
     * Sends one lane of the schedule from a timer on a client event loop: the request is started on the loop that
     * will carry it, with no thread hop and no thread of its own waking up for every request.
     */
    private static final class LaneSender implements Runnable {
        private final EventLoop loop;
        private final OpenLoopSchedule schedule;
        private final HttpTarget target;
        private final RequestTimeouts timeouts;
        private final Measurements measurements;
        private final CountDownLatch finished;
        private long k;

        LaneSender(EventLoop loop, int lane, OpenLoopSchedule schedule, HttpTarget target, RequestTimeouts timeouts,
                Measurements measurements, CountDownLatch finished) {
            this.loop = loop;
            this.k = lane;
            this.schedule = schedule;
            this.target = target;
            this.timeouts = timeouts;
            this.measurements = measurements;
            this.finished = finished;
        }

        void schedule() {
            loop.schedule(this, Math.max(0, schedule.due(k) - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long due;
            while ((due = schedule.due(k)) <= now && due < schedule.stopAt()) {
                send(due, now);
                k += schedule.lanes();
            }
            if (due >= schedule.stopAt()) {
                finished.countDown();
            } else {
                schedule();
            }
        }

        private void send(long due, long now) {
            boolean measured = due >= schedule.measureFrom();
            if (measured) {
                measurements.recordSendLag(now - due);
            }
            schedule.inFlight().incrementAndGet();
            timeouts.guard(target.execute(due), due).subscribe(outcome -> {
                if (measured) {
                    measurements.record(outcome);
                }
                schedule.inFlight().decrementAndGet();
            });
        }
    }

    private static Measurements closedLoop(HttpTarget target, RequestTimeouts timeouts, LoadTestConfig config) {
        Measurements measurements = new Measurements();
        long measureFrom = System.nanoTime() + config.warmup().toNanos();
        long stopAt = measureFrom + config.duration().toNanos();
        Flux.range(0, config.concurrency())
                .flatMap(worker -> Mono.defer(() -> {
                    long start = System.nanoTime();
                    return timeouts.guard(target.execute(start), start).doOnNext(outcome -> {
                        if (start >= measureFrom) {
                            measurements.record(outcome);
                        }
                    });
                }).repeat(() -> System.nanoTime() < stopAt), config.concurrency())
                .blockLast(config.warmup().plus(config.duration()).plus(config.timeout()).plusSeconds(5));
        return measurements;
    }

    private static void awaitZero(AtomicLong inFlight, Duration atMost) {
        long giveUpAt = System.nanoTime() + atMost.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < giveUpAt) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
