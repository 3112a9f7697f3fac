package io.llmplatform.models.switching;

import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.catalog.ModelCatalog;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.fit.FitCalculator;
import io.llmplatform.models.pool.ModelPool;
import io.llmplatform.models.pool.PoolRegistry;
import io.llmplatform.models.pool.ServedModel;
import io.llmplatform.models.switching.driver.SwitchDriver;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one switch from whatever state it is in: {@code PENDING → STOPPING} (capture what runs, stop it),
 * {@code LOADING} (start the target, wait until the endpoint is healthy and lists it), {@code WARMING} (one small
 * request), {@code READY}. Every state is stored and announced before its work starts, so a job resumed after a
 * restart repeats at most one step. A failure after the pool was touched puts the previous model back when it can.
 * An interrupt (shutdown) leaves the job as it is, for the next runner.
 */
final class SwitchRunner {

    private static final Logger log = LoggerFactory.getLogger(SwitchRunner.class);

    private final SwitchJobRepository jobs;
    private final PoolRegistry pools;
    private final ModelCatalog catalog;
    private final SwitchDrivers drivers;
    private final VllmEndpointClient endpoints;
    private final ModelManagerProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SwitchRunner(SwitchJobRepository jobs, PoolRegistry pools, ModelCatalog catalog, SwitchDrivers drivers,
            VllmEndpointClient endpoints, ModelManagerProperties properties, TransactionTemplate transaction,
            Clock clock) {
        this.jobs = jobs;
        this.pools = pools;
        this.catalog = catalog;
        this.drivers = drivers;
        this.endpoints = endpoints;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    void run(UUID jobId, BooleanSupplier stopping) {
        SwitchJob job = jobs.findById(jobId).orElseThrow();
        Pool pool = properties.pool(job.pool()).orElse(null);
        Optional<ModelProfile> target = catalog.profile(job.profileId());
        if (pool == null || target.isEmpty()) {
            fail(job, pool, "the " + (pool == null ? "pool " + job.pool() : "profile " + job.profileId())
                    + " is no longer configured", null);
            return;
        }
        SwitchDriver driver = drivers.of(pool);
        try {
            steps(job, pool, target.get(), driver);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            log.info("Switch {} of pool {} left for the next runner", job.id(), job.pool());
        } catch (Exception failure) {
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                log.info("Switch {} of pool {} left for the next runner", job.id(), job.pool());
                return;
            }
            ModelState at = jobs.findById(jobId).map(SwitchJob::state).orElse(job.state());
            log.warn("Switch {} of pool {} failed at {}: {}", job.id(), job.pool(), at, failure.toString());
            fail(job, pool, "failed while " + at.name().toLowerCase(Locale.ROOT) + ": " + describe(failure), driver);
        }
    }

    private void steps(SwitchJob job, Pool pool, ModelProfile target, SwitchDriver driver) throws Exception {
        ServedModel loading = new ServedModel(target.id(), target.model(), target.nameServed(),
                FitCalculator.context(target), pool.baseUrl().toString());
        if (job.state() == ModelState.PENDING) {
            ModelPool current = pools.pool(pool.name()).orElseThrow();
            String snapshot = driver.capture(pool, current);
            job = advance(job, ModelState.STOPPING, loading, snapshot);
        }
        if (job.state() == ModelState.STOPPING) {
            driver.stop(pool, pools.pool(pool.name()).orElseThrow());
            job = advance(job, ModelState.LOADING, loading, null);
        }
        URI endpoint = URI.create(pools.pool(pool.name()).orElseThrow().baseUrl());
        if (job.state() == ModelState.LOADING) {
            if (!serves(pool, endpoint, target.nameServed())) {
                endpoint = driver.start(pool, target);
            }
            awaitServing(pool, endpoint, target.nameServed());
            job = advance(job, ModelState.WARMING, withBaseUrl(loading, endpoint), null);
        }
        if (job.state() == ModelState.WARMING) {
            if (properties.switching().warmUp()) {
                endpoints.warmUp(endpoint, pool.apiKey(), pool.task(), target.nameServed(),
                        properties.switching().loadTimeout());
            }
            ServedModel ready = withBaseUrl(loading, endpoint);
            SwitchJob finished = job;
            transaction.executeWithoutResult(status -> {
                finished.advance(ModelState.READY, clock.instant());
                jobs.save(finished);
            });
            pools.update(pool.name(), row -> row.serve(ready, clock.instant()));
            log.info("Pool {} serves {} (switch {})", pool.name(), target.nameServed(), job.id());
        }
    }

    private SwitchJob advance(SwitchJob job, ModelState next, ServedModel target, String snapshot) {
        SwitchJob saved = transaction.execute(status -> {
            SwitchJob fresh = jobs.findById(job.id()).orElseThrow();
            if (snapshot != null) {
                fresh.snapshot(snapshot);
            }
            fresh.advance(next, clock.instant());
            return jobs.save(fresh);
        });
        pools.update(job.pool(), row -> row.switching(job.id(), next, target, job.previousServedModelName(),
                clock.instant()));
        return saved;
    }

    /** Healthy and listing the model: what "loaded" means for vLLM. */
    private boolean serves(Pool pool, URI endpoint, String servedName) {
        try {
            Duration timeout = properties.status().timeout();
            return endpoints.healthy(endpoint, pool.apiKey(), timeout)
                    && endpoints.models(endpoint, pool.apiKey(), timeout).stream()
                            .anyMatch(model -> model.id().equals(servedName));
        } catch (IOException notYet) {
            return false;
        }
    }

    private void awaitServing(Pool pool, URI endpoint, String servedName) throws InterruptedException,
            IOException {
        Duration timeout = properties.switching().loadTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!serves(pool, endpoint, servedName)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(endpoint + " did not serve " + servedName + " within " + timeout);
            }
            Thread.sleep(properties.switching().readinessPoll());
        }
    }

    /**
     * Ends the job FAILED. If the pool was touched, the previous model is put back (and waited for) when the driver
     * captured it; the pool is READY with it again, or FAILED when that did not work either.
     */
    private void fail(SwitchJob job, Pool pool, String reason, SwitchDriver driver) {
        SwitchJob current = jobs.findById(job.id()).orElseThrow();
        ServedModel previous = current.previous();
        boolean touched = current.state() != ModelState.PENDING;
        String outcome = reason;
        boolean rolledBack = false;
        if (!touched && previous != null) {
            outcome = reason + "; the pool was not changed";
        } else if (driver != null && previous != null && current.driverSnapshot() != null) {
            try {
                URI endpoint = driver.restore(pool, current.driverSnapshot());
                awaitServing(pool, endpoint, previous.servedModelName());
                previous = withBaseUrl(previous, endpoint);
                rolledBack = true;
                outcome = reason + "; rolled back to " + previous.servedModelName();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception rollbackFailed) {
                outcome = reason + "; rolling back to " + previous.servedModelName() + " failed too: "
                        + describe(rollbackFailed);
            }
        } else {
            outcome = reason + "; there is nothing to roll back to";
        }
        String why = outcome;
        boolean restored = rolledBack || !touched && previous != null;
        ServedModel back = previous;
        transaction.executeWithoutResult(status -> {
            SwitchJob fresh = jobs.findById(job.id()).orElseThrow();
            fresh.fail(why, restored && touched, clock.instant());
            jobs.save(fresh);
        });
        if (pool != null) {
            pools.update(pool.name(), row -> {
                if (restored) {
                    row.serve(back, clock.instant());
                    row.lastSwitchFailed(why);
                } else {
                    row.fail(why, clock.instant());
                }
            });
        }
    }

    private static ServedModel withBaseUrl(ServedModel model, URI endpoint) {
        return new ServedModel(model.profileId(), model.model(), model.servedModelName(), model.maxModelLen(),
                endpoint.toString());
    }

    private static String describe(Exception failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
