package io.llmplatform.models.switching;

import io.llmplatform.models.config.ModelManagerProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs switch jobs on virtual threads, keeps their lease (a heartbeat in the database) while they run, and takes
 * over jobs whose runner went silent for longer than the lease: those of a replica that died, or of this service
 * before a restart. Stopping interrupts the runners and leaves their jobs as they are, to be resumed.
 */
final class SwitchJobExecutor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SwitchJobExecutor.class);

    private final SwitchJobRepository jobs;
    private final SwitchRunner runner;
    private final Duration lease;
    private final Clock clock;
    private final String owner = "model-manager-" + UUID.randomUUID();
    private volatile ExecutorService runners;
    private volatile ScheduledExecutorService timer;
    private volatile boolean running;

    SwitchJobExecutor(SwitchJobRepository jobs, SwitchRunner runner, ModelManagerProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.lease = properties.switching().lease();
        this.clock = clock;
    }

    /** This replica's name on the jobs it runs. */
    String owner() {
        return owner;
    }

    void submit(UUID jobId) {
        runners.execute(() -> runner.run(jobId, () -> !running));
    }

    @Override
    public void start() {
        runners = Executors.newVirtualThreadPerTaskExecutor();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("switch-jobs")
                .factory());
        running = true;
        long beat = Math.max(100, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::heartbeatAndTakeOver, 0, beat, TimeUnit.MILLISECONDS);
    }

    private void heartbeatAndTakeOver() {
        try {
            jobs.heartbeat(owner, clock.instant(), SwitchJob.ACTIVE);
            for (SwitchJob job : jobs.findByStateIn(SwitchJob.ACTIVE)) {
                if (jobs.claim(job.id(), owner, clock.instant(), clock.instant().minus(lease), SwitchJob.ACTIVE) == 1) {
                    log.info("Resuming switch {} of pool {} at {}", job.id(), job.pool(), job.state());
                    submit(job.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Switch job heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        runners.shutdownNow();
        try {
            runners.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
