package io.llmplatform.models.switching;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.models.FitReport;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.contracts.models.SwitchJobView;
import io.llmplatform.contracts.models.SwitchRequest;
import io.llmplatform.models.catalog.ModelCatalog;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.fit.FitCalculator;
import io.llmplatform.models.hardware.GpuInventory;
import io.llmplatform.models.pool.ModelPool;
import io.llmplatform.models.pool.PoolRegistry;
import io.llmplatform.models.pool.ServedModel;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a switch: the pool and profile exist and suit each other, the profile fits the pool's known GPUs (unless
 * forced), and no other switch of the pool is running (the database's partial unique index decides between
 * replicas). The job is stored {@code PENDING}, announced, and run.
 */
public class SwitchService {

    private final ModelManagerProperties properties;
    private final ModelCatalog catalog;
    private final PoolRegistry pools;
    private final SwitchDrivers drivers;
    private final GpuInventory gpus;
    private final FitCalculator fit;
    private final SwitchJobRepository jobs;
    private final SwitchJobExecutor executor;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SwitchService(ModelManagerProperties properties, ModelCatalog catalog, PoolRegistry pools, SwitchDrivers drivers,
            GpuInventory gpus, FitCalculator fit, SwitchJobRepository jobs, SwitchJobExecutor executor,
            TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.catalog = catalog;
        this.pools = pools;
        this.drivers = drivers;
        this.gpus = gpus;
        this.fit = fit;
        this.jobs = jobs;
        this.executor = executor;
        this.transaction = transaction;
        this.clock = clock;
    }

    public SwitchJobView request(SwitchRequest request, UUID requestedBy) {
        Pool pool = pool(request.pool());
        ModelProfile profile = catalog.profile(request.profileId()).orElseThrow(() -> new PlatformException(
                ErrorCode.VALIDATION_FAILED, "There is no profile '" + request.profileId() + "' in the catalog",
                "profileId"));
        if (profile.task() != pool.task()) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, profile.id() + " is a " + profile.task().value()
                    + " model; pool " + pool.name() + " serves " + pool.task().value() + " models", "profileId");
        }
        drivers.of(pool).check(pool, profile);
        FitReport report = fit.check(profile, pool.name(), gpus.read(pool).gpus());
        if (report.known() && !report.fits() && !request.forced()) {
            throw new PlatformException(ErrorCode.MODEL_DOES_NOT_FIT, profile.id() + " does not fit pool "
                    + pool.name() + ": " + String.join("; ", report.reasons()) + " (force: true switches anyway)");
        }
        active(pool.name());
        ModelPool current = pools.pool(pool.name()).orElseThrow();
        SwitchJob job = new SwitchJob(pool.name(), profile.id(), profile.nameServed(),
                current.known() ? current.served() : null, requestedBy, executor.owner(), clock.instant());
        try {
            transaction.executeWithoutResult(status -> jobs.saveAndFlush(job));
        } catch (DataIntegrityViolationException raced) {
            active(pool.name());
            throw raced;
        }
        ServedModel target = new ServedModel(profile.id(), profile.model(), profile.nameServed(),
                FitCalculator.context(profile), current.baseUrl());
        pools.update(pool.name(), row -> row.switching(job.id(), job.state(), target, current.servedModelName(),
                clock.instant()));
        executor.submit(job.id());
        return job.view();
    }

    public SwitchJobView job(UUID id) {
        return jobs.findById(id).map(SwitchJob::view).orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND,
                "There is no switch job " + id));
    }

    private void active(String pool) {
        jobs.findFirstByPoolAndStateIn(pool, SwitchJob.ACTIVE).ifPresent(running -> {
            throw new PlatformException(ErrorCode.SWITCH_IN_PROGRESS, "Pool " + pool + " is already switching to "
                    + running.profileId() + " (job " + running.id() + ", " + running.state() + ")");
        });
    }

    private Pool pool(String name) {
        List<Pool> configured = properties.pools();
        if (name == null || name.isBlank()) {
            if (configured.size() == 1) {
                return configured.getFirst();
            }
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "Name the pool: there are "
                    + configured.size(), "pool");
        }
        return properties.pool(name).orElseThrow(() -> new PlatformException(ErrorCode.VALIDATION_FAILED,
                "There is no pool '" + name + "'; pools: " + configured.stream().map(Pool::name).toList(), "pool"));
    }
}
