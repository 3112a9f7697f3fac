package io.llmplatform.embedding.inprocess;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the model on batches made of whatever inputs are waiting, whichever requests they came from: a thread that
 * starts takes the waiting inputs (waiting up to {@code window} for more while there are fewer than
 * {@code maxBatch}), up to {@value #GATHERED_BATCHES} batches' worth, orders them by length and runs them in batches
 * of at most {@code maxBatch}, so each batch pads its inputs to a similar length: mixed lengths padded together
 * cost up to 1.7x the model time in the benchmark. So concurrent single-input requests share model runs, and a large
 * request is cut into batches. A fixed set of threads runs batches (request threads only wait), and at most
 * {@code maxWaiting} inputs wait: beyond that {@link #submit} refuses, so a flood cannot pile up memory or latency.
 */
public final class MicroBatcher implements AutoCloseable {

    private static final int GATHERED_BATCHES = 4;

    private record Pending(long[] ids, CompletableFuture<float[]> vector) {
    }

    private final Function<List<long[]>, float[][]> model;
    private final BlockingQueue<Pending> waiting;
    private final int maxBatch;
    private final long windowNanos;
    private final List<Thread> threads = new ArrayList<>();
    private final Counter runs;
    private final DistributionSummary batchSizes;
    private volatile boolean running = true;

    public MicroBatcher(Function<List<long[]>, float[][]> model, int threads, int maxBatch, Duration window,
            int maxWaiting, MeterRegistry meters) {
        this.model = model;
        this.waiting = new ArrayBlockingQueue<>(maxWaiting);
        this.maxBatch = maxBatch;
        this.windowNanos = window.toNanos();
        this.runs = Counter.builder("platform.embedding.model.runs")
                .description("Batches the in-process model ran").register(meters);
        this.batchSizes = DistributionSummary.builder("platform.embedding.model.batch.size")
                .description("Inputs per model run").register(meters);
        Gauge.builder("platform.embedding.model.waiting", waiting, BlockingQueue::size)
                .description("Inputs waiting for the in-process model").register(meters);
        for (int i = 0; i < threads; i++) {
            this.threads.add(Thread.ofPlatform().name("embedding-model-" + i).daemon().start(this::runBatches));
        }
    }

    /** The vector of {@code ids}, once a batch has run it; null when too many inputs are already waiting. */
    public CompletableFuture<float[]> submit(long[] ids) {
        Pending pending = new Pending(ids, new CompletableFuture<>());
        return waiting.offer(pending) ? pending.vector() : null;
    }

    /** Model runs so far. */
    public long runs() {
        return (long) runs.count();
    }

    private void runBatches() {
        List<Pending> batch = new ArrayList<>(maxBatch * GATHERED_BATCHES);
        while (running) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                batch.sort(Comparator.comparingInt(pending -> pending.ids().length));
                for (int from = 0; from < batch.size(); from += maxBatch) {
                    run(batch.subList(from, Math.min(batch.size(), from + maxBatch)));
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void fill(List<Pending> batch) throws InterruptedException {
        int most = maxBatch * GATHERED_BATCHES;
        waiting.drainTo(batch, most - batch.size());
        long deadline = System.nanoTime() + windowNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Pending next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            waiting.drainTo(batch, most - batch.size());
        }
    }

    private void run(List<Pending> batch) {
        try {
            float[][] vectors = model.apply(batch.stream().map(Pending::ids).toList());
            runs.increment();
            batchSizes.record(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).vector().complete(vectors[i]);
            }
        } catch (RuntimeException | Error failure) {
            batch.forEach(pending -> pending.vector().completeExceptionally(failure));
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        waiting.forEach(pending -> pending.vector().cancel(false));
    }
}
