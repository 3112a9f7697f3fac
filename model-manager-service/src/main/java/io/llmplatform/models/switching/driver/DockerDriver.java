package io.llmplatform.models.switching.driver;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties.Docker;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.pool.ModelPool;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Switches a pool by recreating its vLLM container through the Docker Engine API, as the seed's shell scripts did:
 * stop and remove the container, create it again with the target's {@code vllm serve} arguments and GPUs (the
 * NVIDIA runtime's device request), start it. The image is pulled when the engine does not have it.
 */
public final class DockerDriver implements SwitchDriver {

    private static final int STOP_SECONDS = 30;

    private final DockerClient docker;
    private final JsonMapper json;
    private final Duration pullTimeout;

    public DockerDriver(DockerClient docker, JsonMapper json, Duration pullTimeout) {
        this.docker = docker;
        this.json = json;
        this.pullTimeout = pullTimeout;
    }

    /** What the container ran, to run it again. */
    record ContainerRun(String image, List<String> args, int gpus, String profileId) {
    }

    @Override
    public String capture(Pool pool, ModelPool current) {
        try {
            InspectContainerResponse container = docker.inspectContainerCmd(pool.docker().container()).exec();
            String[] args = container.getConfig().getCmd();
            Integer gpus = container.getHostConfig().getDeviceRequests() == null ? null
                    : container.getHostConfig().getDeviceRequests().stream().map(DeviceRequest::getCount)
                            .filter(count -> count != null).findFirst().orElse(null);
            return json.writeValueAsString(new ContainerRun(container.getConfig().getImage(),
                    args == null ? List.of() : Arrays.asList(args), gpus != null ? gpus : 1,
                    current != null ? current.profileId() : null));
        } catch (NotFoundException none) {
            return null;
        }
    }

    @Override
    public void stop(Pool pool, ModelPool current) {
        remove(pool.docker());
    }

    @Override
    public URI start(Pool pool, ModelProfile target) throws InterruptedException {
        String image = target.vllm().image() != null ? target.vllm().image() : pool.docker().image();
        run(pool, new ContainerRun(image, VllmArguments.of(target), target.vllm().tensorParallelSize(),
                target.id()));
        return pool.baseUrl();
    }

    @Override
    public URI restore(Pool pool, String snapshot) throws InterruptedException {
        remove(pool.docker());
        run(pool, json.readValue(snapshot, ContainerRun.class));
        return pool.baseUrl();
    }

    private void run(Pool pool, ContainerRun run) throws InterruptedException {
        Docker settings = pool.docker();
        remove(settings);
        try {
            create(pool, run);
        } catch (NotFoundException noImage) {
            if (!docker.pullImageCmd(run.image()).start().awaitCompletion(pullTimeout.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("pulling " + run.image() + " took longer than " + pullTimeout);
            }
            create(pool, run);
        }
        docker.startContainerCmd(settings.container()).exec();
    }

    private void create(Pool pool, ContainerRun run) {
        Docker settings = pool.docker();
        ExposedPort api = ExposedPort.tcp(VllmArguments.PORT);
        Ports ports = new Ports();
        ports.bind(api, Ports.Binding.bindPort(settings.hostPort()));
        HostConfig host = HostConfig.newHostConfig()
                .withDeviceRequests(List.of(new DeviceRequest().withDriver("nvidia").withCount(run.gpus())
                        .withCapabilities(List.of(List.of("gpu")))))
                .withPortBindings(ports)
                .withBinds(settings.volumes().stream().map(Bind::parse).toList())
                .withIpcMode("host");
        docker.createContainerCmd(run.image())
                .withName(settings.container())
                .withCmd(run.args())
                .withExposedPorts(api)
                .withHostConfig(host)
                .withEnv(settings.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList())
                .withLabels(run.profileId() == null ? Map.of("llm-platform.io/pool", pool.name())
                        : Map.of("llm-platform.io/pool", pool.name(), KubernetesDriver.PROFILE_ANNOTATION,
                                run.profileId()))
                .exec();
    }

    private void remove(Docker settings) {
        try {
            docker.stopContainerCmd(settings.container()).withTimeout(STOP_SECONDS).exec();
        } catch (NotFoundException | NotModifiedException gone) {
            // Not there, or already stopped: nothing to stop.
        }
        try {
            docker.removeContainerCmd(settings.container()).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Already removed.
        }
    }
}
