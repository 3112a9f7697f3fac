package io.llmplatform.models.config;

import io.llmplatform.contracts.events.ModelTask;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * model-manager's settings: the vLLM pools it manages, how it switches their models, where the catalog is.
 *
 * @param driver how pools switch models unless a pool names its own
 * @param catalogFile a catalog YAML file that replaces the one shipped in the jar; empty for the shipped one
 * @param embeddingServiceUrl embedding-service, whose models {@code GET /v1/models} lists beside the pools'
 * @param ownedBy what {@code /v1/models} says owns the pools' models
 */
@Validated
@ConfigurationProperties("platform.models")
public record ModelManagerProperties(
        @NotEmpty @Valid List<Pool> pools,
        @NotNull @DefaultValue("simulator") DriverKind driver,
        String catalogFile,
        @NotNull @DefaultValue("http://localhost:8083") URI embeddingServiceUrl,
        @NotBlank @DefaultValue("llm-platform") String ownedBy,
        @Valid @NotNull @DefaultValue Status status,
        @Valid @NotNull @DefaultValue Switching switching,
        @Valid @NotNull @DefaultValue Fit fit) {

    public Optional<Pool> pool(String name) {
        return pools.stream().filter(pool -> pool.name().equals(name)).findFirst();
    }

    public DriverKind driverOf(Pool pool) {
        return pool.driver() != null ? pool.driver() : driver;
    }

    /** How a pool's model is switched. */
    public enum DriverKind {
        /** The vLLM simulator's {@code /admin/model}: a restart with the new model and a configurable load time. */
        SIMULATOR,
        /** vLLM's sleep mode: one sleeping vLLM per model on the pool; the current one sleeps, the target wakes. */
        SLEEP,
        /** Patch the pool's vLLM Deployment and follow its rollout. */
        KUBERNETES,
        /** Recreate the pool's vLLM container through the Docker Engine API. */
        DOCKER
    }

    /**
     * One vLLM endpoint and its GPUs.
     *
     * @param baseUrl the server's root, without {@code /v1}
     * @param apiKey vLLM's {@code --api-key}, if it has one
     * @param initialProfile the catalog profile the pool serves when it cannot tell at first start
     * @param sleepInstances for the sleep driver: the sleeping vLLM of each profile id on this pool
     */
    public record Pool(
            @NotBlank String name,
            @NotNull URI baseUrl,
            @NotNull @DefaultValue("chat") ModelTask task,
            String apiKey,
            DriverKind driver,
            String initialProfile,
            @Valid @NotNull @DefaultValue Hardware hardware,
            @Valid @NotNull @DefaultValue Kubernetes kubernetes,
            @Valid @NotNull @DefaultValue Docker docker,
            @DefaultValue({}) Map<String, URI> sleepInstances) {
    }

    /**
     * Where a pool's GPUs are read from, the first one set: {@code declared} GPUs ({@code NAME:COUNT[:GIB],...}), a
     * DCGM exporter's metrics URL, an {@code nvidia-smi} command; otherwise DCGM metrics on the pool's own
     * {@code /metrics} (the simulator's, or a proxy's that serves both), if there are any.
     */
    public record Hardware(String declared, String dcgmUrl, String nvidiaSmiCommand) {
    }

    /** The pool's vLLM Deployment, for the kubernetes driver. */
    public record Kubernetes(String namespace, @NotBlank @DefaultValue("vllm") String deployment,
            @NotBlank @DefaultValue("vllm") String container) {
    }

    /**
     * The pool's vLLM container, for the docker driver.
     *
     * @param host the Docker Engine API, {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}
     * @param volumes {@code host:container} binds, such as the Hugging Face cache
     */
    public record Docker(
            @NotBlank @DefaultValue("unix:///var/run/docker.sock") String host,
            @NotBlank @DefaultValue("vllm") String container,
            @NotBlank @DefaultValue("vllm/vllm-openai:v0.11.0") String image,
            @Min(1) @DefaultValue("8000") int hostPort,
            @DefaultValue({}) List<String> volumes,
            @DefaultValue({}) Map<String, String> environment) {
    }

    /**
     * @param pollInterval how often each endpoint's {@code /health} and {@code /metrics} are read
     * @param timeout for each of those calls
     * @param announceInterval how often every pool's state is announced again, healing announcements Kafka lost
     */
    public record Status(
            @NotNull @DefaultValue("10s") Duration pollInterval,
            @NotNull @DefaultValue("2s") Duration timeout,
            @NotNull @DefaultValue("60s") Duration announceInterval) {
    }

    /**
     * @param loadTimeout how long a model may take to load before the switch fails and rolls back
     * @param readinessPoll how often a loading endpoint is asked whether it serves the model yet
     * @param lease a job whose runner has not been heard of for this long is taken over (its replica died)
     * @param warmUp send one small request to a loaded model before announcing it ready
     * @param simulatorLoadTime how long the simulator driver has the simulator load a model
     */
    public record Switching(
            @NotNull @DefaultValue("15m") Duration loadTimeout,
            @NotNull @DefaultValue("500ms") Duration readinessPoll,
            @NotNull @DefaultValue("30s") Duration lease,
            @DefaultValue("true") boolean warmUp,
            @NotNull @DefaultValue("2s") Duration simulatorLoadTime) {
    }

    /**
     * GPUStack's estimate: weights × {@code weightsFactor} plus {@code overheadGib} per GPU (CUDA graphs and the
     * like), plus the KV cache.
     */
    public record Fit(
            @DecimalMin("1.0") @DefaultValue("1.2") double weightsFactor,
            @DecimalMin("0.0") @DefaultValue("2") double overheadGib) {
    }
}
