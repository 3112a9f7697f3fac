package io.llmplatform.document.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A fixed number of worker threads that claim and run jobs. An idle worker waits for the poll interval or until an
 * upload on this replica wakes it. Stopping interrupts them: a job in progress is given back at once, and one whose
 * worker cannot answer is taken again when its lease runs out.
 */
@Component
@EnableConfigurationProperties(IngestionProperties.class)
public class IngestionWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorkers.class);
    private static final long JOIN_MILLIS = 10_000;

    private final IngestionJobs jobs;
    private final IngestionPipeline pipeline;
    private final IngestionProperties properties;
    private final Semaphore wakeups = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    IngestionWorkers(IngestionJobs jobs, IngestionPipeline pipeline, IngestionProperties properties) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.properties = properties;
    }

    /** A job became ready: idle workers look now rather than at their next poll. */
    public void wake() {
        wakeups.release(Math.max(properties.workers(), 1));
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            threads.add(Thread.ofPlatform().name("ingestion-worker-" + i).daemon().start(this::work));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                Optional<ClaimedJob> job = jobs.claim(properties.lease());
                if (job.isPresent()) {
                    pipeline.run(job.get(), () -> !running);
                } else {
                    wakeups.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Ingestion worker could not claim or run a job: {}", e.toString());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
