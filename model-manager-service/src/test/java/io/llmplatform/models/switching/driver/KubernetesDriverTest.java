package io.llmplatform.models.switching.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kubernetes driver against fabric8's mock API server in CRUD mode. No controller runs there, so the test plays
 * the Deployment controller: when the pod template changes it restarts the "pod" (the simulator, with the new
 * {@code --served-model-name}) and reports the rollout in the Deployment's status. It polls rather than watches:
 * closing a watch while the mock server still sends it an event blocks the server's event loop (fabric8 8.0.0's
 * {@code WatchEventsListener.onClosed} waits up to a minute for its sender), and the server then cannot stop.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesDriverTest {

    static KubernetesClient client;

    private static final String NAMESPACE = "llm";
    private static final ModelProfile QWEN = new ModelProfile("qwen2-7b-instruct", "Qwen2 7B", "Qwen/Qwen2-7B-Instruct",
            null, ModelTask.CHAT, 7.62, "bfloat16", null, new ModelProfile.Architecture(28, 28, 4, 128, 32768),
            new ModelProfile.VllmArguments(2, 0.85, 16384, "vllm/vllm-openai:v0.11.0", List.of("--enable-prefix-caching")));

    private VllmSimulator pod;
    private ScheduledExecutorService controller;
    private boolean rollOut = true;
    private KubernetesDriver driver;
    private ModelManagerProperties.Pool pool;

    @BeforeEach
    void deployment() {
        pod = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("meta-llama/Meta-Llama-3-8B-Instruct")
                .build());
        client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("vllm-gpu-a").withNamespace(NAMESPACE).withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).withNewStrategy().withType("Recreate").endStrategy()
                .withNewTemplate().withNewSpec().withContainers(new ContainerBuilder().withName("vllm")
                        .withImage("vllm/vllm-openai:v0.10.2")
                        .withArgs("meta-llama/Meta-Llama-3-8B-Instruct", "--served-model-name",
                                "meta-llama/Meta-Llama-3-8B-Instruct")
                        .withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().build())
                .endSpec().endTemplate().endSpec()
                .build()).create();
        controller = Executors.newSingleThreadScheduledExecutor();
        DeploymentController deploymentController = new DeploymentController();
        controller.scheduleWithFixedDelay(deploymentController::reconcile, 0, 20, TimeUnit.MILLISECONDS);
        pool = new ModelManagerProperties.Pool("gpu-a", URI.create(pod.baseUrl()), ModelTask.CHAT, null, null, null,
                new ModelManagerProperties.Hardware(null, null, null),
                new ModelManagerProperties.Kubernetes(NAMESPACE, "vllm-gpu-a", "vllm"),
                new ModelManagerProperties.Docker("unix:///var/run/docker.sock", "vllm", "vllm/vllm-openai", 8000,
                        List.of(), Map.of()), Map.of());
        driver = new KubernetesDriver(client, JsonMapper.builder().build(), Duration.ofSeconds(5));
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        controller.shutdownNow();
        controller.awaitTermination(5, TimeUnit.SECONDS);
        client.apps().deployments().inNamespace(NAMESPACE).withName("vllm-gpu-a").delete();
        pod.close();
    }

    @Test
    void aSwitchPatchesTheDeploymentsArgumentsImageAndGpusAndWaitsForItsRollout() throws Exception {
        String snapshot = driver.capture(pool, null);

        URI endpoint = driver.start(pool, QWEN);

        Deployment patched = client.apps().deployments().inNamespace(NAMESPACE).withName("vllm-gpu-a").get();
        var container = patched.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getArgs()).containsExactly("Qwen/Qwen2-7B-Instruct", "--served-model-name",
                "Qwen/Qwen2-7B-Instruct", "--tensor-parallel-size", "2", "--gpu-memory-utilization", "0.85",
                "--port", "8000", "--max-model-len", "16384", "--dtype", "bfloat16", "--enable-prefix-caching");
        assertThat(container.getImage()).isEqualTo("vllm/vllm-openai:v0.11.0");
        assertThat(container.getResources().getLimits().get("nvidia.com/gpu")).isEqualTo(new Quantity("2"));
        assertThat(patched.getMetadata().getAnnotations()).containsEntry("llm-platform.io/profile",
                "qwen2-7b-instruct");
        assertThat(KubernetesDriver.rolledOut(patched, patched.getMetadata().getGeneration())).isTrue();
        assertThat(endpoint).isEqualTo(pool.baseUrl());
        assertThat(pod.servedModel()).isEqualTo("Qwen/Qwen2-7B-Instruct");

        driver.restore(pool, snapshot);

        var restored = client.apps().deployments().inNamespace(NAMESPACE).withName("vllm-gpu-a").get().getSpec()
                .getTemplate().getSpec().getContainers().getFirst();
        assertThat(restored.getArgs()).containsExactly("meta-llama/Meta-Llama-3-8B-Instruct", "--served-model-name",
                "meta-llama/Meta-Llama-3-8B-Instruct");
        assertThat(restored.getImage()).isEqualTo("vllm/vllm-openai:v0.10.2");
        assertThat(restored.getResources().getLimits().get("nvidia.com/gpu")).isEqualTo(new Quantity("1"));
        assertThat(pod.servedModel()).isEqualTo("meta-llama/Meta-Llama-3-8B-Instruct");
    }

    @Test
    void aRolloutThatNeverCompletesFailsTheStartAfterTheTimeout() {
        rollOut = false;

        assertThatThrownBy(() -> driver.start(pool, QWEN)).hasMessageContaining("rollout of deployment vllm-gpu-a "
                + "did not complete within PT5S");
    }

    @Test
    void theShippedVllmManifestIsOneTheDriverCanCaptureAndEdit() throws Exception {
        Deployment shipped = client.apps().deployments()
                .load(java.nio.file.Path.of("../k8s/base/vllm/deployment.yaml").toFile()).item();
        client.apps().deployments().inNamespace("shipped").resource(shipped).create();
        var shippedPool = new ModelManagerProperties.Pool("default", pool.baseUrl(), ModelTask.CHAT, null, null, null,
                pool.hardware(), new ModelManagerProperties.Kubernetes("shipped", "vllm", "vllm"), pool.docker(),
                Map.of());

        var captured = JsonMapper.builder().build().readTree(driver.capture(shippedPool, null));

        assertThat(captured.get("image").asString()).isEqualTo("vllm/vllm-openai:v0.11.0");
        assertThat(captured.at("/args/0").asString()).isEqualTo("meta-llama/Meta-Llama-3-8B-Instruct");
        assertThat(captured.get("gpus").asString()).isEqualTo("1");
        assertThat(shipped.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(shipped.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .as("the arguments the driver writes, in the same form").isEqualTo(VllmArguments.of(
                        new ModelProfile("llama-3-8b-instruct", "Llama 3 8B", "meta-llama/Meta-Llama-3-8B-Instruct",
                                null, ModelTask.CHAT, 8.03, "bfloat16", null,
                                new ModelProfile.Architecture(32, 32, 8, 128, 8192),
                                new ModelProfile.VllmArguments(1, 0.9, null, null, List.of()))));
    }

    /** What the Deployment controller and the kubelet do: a new generation, a new pod, the rollout reported. */
    private final class DeploymentController {

        void reconcile() {
            Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("vllm-gpu-a").get();
            if (deployment == null || !rollOut || pod.servedModel().equals(servedName(deployment))) {
                return;
            }
            pod.switchModel(servedName(deployment), Duration.ZERO);
            Long generation = deployment.getMetadata().getGeneration();
            client.apps().deployments().inNamespace(NAMESPACE).withName("vllm-gpu-a").editStatus(current ->
                    new DeploymentBuilder(current).withStatus(new DeploymentStatusBuilder()
                            .withObservedGeneration(generation == null ? 1 : generation).withReplicas(1)
                            .withUpdatedReplicas(1).withAvailableReplicas(1).withReadyReplicas(1).build()).build());
        }

        private String servedName(Deployment deployment) {
            List<String> args = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
            return args.get(args.indexOf("--served-model-name") + 1);
        }
    }
}
