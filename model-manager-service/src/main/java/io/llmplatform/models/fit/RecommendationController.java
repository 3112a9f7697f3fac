package io.llmplatform.models.fit;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.models.FitReport;
import io.llmplatform.contracts.models.GpuDevice;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.contracts.models.PoolRecommendation;
import io.llmplatform.models.catalog.ModelCatalog;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.hardware.GpuInventory;
import io.llmplatform.models.pool.ModelPool;
import io.llmplatform.models.pool.PoolRegistry;
import io.llmplatform.support.PlatformException;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RecommendationController {

    private final ModelCatalog catalog;
    private final ModelManagerProperties properties;
    private final GpuInventory gpus;
    private final PoolRegistry pools;
    private final FitCalculator fit;

    RecommendationController(ModelCatalog catalog, ModelManagerProperties properties, GpuInventory gpus,
            PoolRegistry pools, FitCalculator fit) {
        this.catalog = catalog;
        this.properties = properties;
        this.gpus = gpus;
        this.pools = pools;
        this.fit = fit;
    }

    /**
     * Per pool, every profile of its task checked against its GPUs: those that fit first, largest first; the
     * recommended one is the largest that fits with its whole context.
     */
    @GetMapping("/api/v1/models/recommendations")
    List<PoolRecommendation> recommendations() {
        return properties.pools().stream().map(this::recommend).toList();
    }

    /** Whether one profile fits a pool (the only pool if none is named), why not, and the largest context that would. */
    @GetMapping("/api/v1/models/profiles/{profileId}/fit")
    FitReport fit(@PathVariable String profileId, @RequestParam(required = false) String pool) {
        ModelProfile profile = catalog.profile(profileId).orElseThrow(() -> new PlatformException(
                ErrorCode.NOT_FOUND, "There is no profile '" + profileId + "' in the catalog"));
        Pool target = pool != null ? properties.pool(pool).orElseThrow(() -> new PlatformException(
                ErrorCode.VALIDATION_FAILED, "There is no pool '" + pool + "'", "pool"))
                : properties.pools().getFirst();
        return fit.check(profile, target.name(), gpus.read(target).gpus());
    }

    private PoolRecommendation recommend(Pool pool) {
        List<GpuDevice> devices = gpus.read(pool).gpus();
        List<FitReport> reports = catalog.profiles().stream().filter(profile -> profile.task() == pool.task())
                .sorted(Comparator.comparing(ModelProfile::parametersBillions).reversed())
                .map(profile -> fit.check(profile, pool.name(), devices))
                .sorted(Comparator.comparing(FitReport::fits).reversed())
                .toList();
        String recommended = reports.stream().filter(FitReport::fits).map(FitReport::profileId).findFirst()
                .orElse(null);
        String current = pools.pool(pool.name()).map(ModelPool::profileId).orElse(null);
        return new PoolRecommendation(pool.name(), current, recommended, reports);
    }
}
