package io.llmplatform.support.usage;

import io.llmplatform.contracts.events.UsageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for usage events written outside a transaction: a call hands its event over and returns at once, and
 * one thread commits whatever has arrived, up to {@code batchSize} events per transaction. Under load one commit
 * carries many calls' events; when idle, an event is in the table within a millisecond or two.
 * <p>
 * If PostgreSQL fails, the batch is retried with growing pauses while new events wait, up to {@code capacity}; past
 * that, events are dropped, counted ({@code platform.usage.outbox.dropped}) and logged. When the application stops,
 * after the web server has drained its requests, everything waiting is written before the connection pool closes.
 * A crash of the process loses the events of at most one commit in flight.
 */
public final class UsageOutboxWriter implements SmartLifecycle {

    /** Stops after the web server (whose graceful shutdown and stop run at DEFAULT_PHASE - 1024 and - 2048). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Logger log = LoggerFactory.getLogger(UsageOutboxWriter.class);
    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(5);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    private final UsageOutboxRows rows;
    private final TransactionTemplate transaction;
    private final BlockingQueue<UsageEvent> waiting;
    private final int batchSize;
    private final Counter dropped;
    private final DistributionSummary committed;
    private volatile boolean running;
    private volatile Thread committer;

    public UsageOutboxWriter(UsageOutboxRows rows, TransactionTemplate transaction, int batchSize, int capacity,
            MeterRegistry meters) {
        this.rows = rows;
        this.transaction = transaction;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.dropped = Counter.builder("platform.usage.outbox.dropped")
                .description("Usage events lost because PostgreSQL was out of reach for too long").register(meters);
        this.committed = DistributionSummary.builder("platform.usage.outbox.commit.events")
                .description("Usage events written by one commit").register(meters);
        Gauge.builder("platform.usage.outbox.waiting", waiting, BlockingQueue::size)
                .description("Usage events handed over but not yet written to the outbox").register(meters);
    }

    /** Queues {@code event} for the next commit; before start and after stop it is written at once instead. */
    public void submit(UsageEvent event) {
        if (!running) {
            transaction.executeWithoutResult(status -> rows.insert(List.of(event)));
            return;
        }
        if (!waiting.offer(event)) {
            dropped.increment();
            log.error("Usage event {} of user {} dropped: {} events are waiting for PostgreSQL", event.eventId(),
                    event.userId(), waiting.size());
        }
    }

    @Override
    public void start() {
        running = true;
        committer = Thread.ofPlatform().name("usage-outbox-writer").daemon().start(this::commitUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = committer;
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(STOP_PATIENCE)) {
                thread.interrupt();
                log.error("{} usage events could not be written before shutdown", waiting.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void commitUntilStopped() {
        List<UsageEvent> batch = new ArrayList<>(batchSize);
        Duration pause = FIRST_RETRY_PAUSE;
        while (running || !waiting.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    UsageEvent first = waiting.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    waiting.drainTo(batch, batchSize - 1);
                }
                transaction.executeWithoutResult(status -> rows.insert(batch));
                committed.record(batch.size());
                batch.clear();
                pause = FIRST_RETRY_PAUSE;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("{} usage events not written yet, retrying in {} ms: {}", batch.size() + waiting.size(),
                        pause.toMillis(), e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY_PAUSE) > 0 ? LONGEST_RETRY_PAUSE
                        : pause.multipliedBy(2);
            }
        }
    }
}
