package io.llmplatform.models.switching.driver;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.pool.ModelPool;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Switches a pool by editing its vLLM Deployment (the container's {@code vllm serve} arguments, image and
 * {@code nvidia.com/gpu} count) and following the rollout until every replica runs the new spec. The Deployment's
 * {@code Recreate} strategy stops the old pods first (they hold the GPUs), so stopping is part of the rollout.
 * Restoring puts the captured container spec back the same way.
 */
public final class KubernetesDriver implements SwitchDriver {

    static final String GPU = "nvidia.com/gpu";
    static final String PROFILE_ANNOTATION = "llm-platform.io/profile";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final KubernetesClient kubernetes;
    private final JsonMapper json;
    private final Duration rolloutTimeout;

    public KubernetesDriver(KubernetesClient kubernetes, JsonMapper json, Duration rolloutTimeout) {
        this.kubernetes = kubernetes;
        this.json = json;
        this.rolloutTimeout = rolloutTimeout;
    }

    /** The part of the vLLM container a switch changes. */
    record ContainerSpec(String image, List<String> args, String gpus, String profileId) {
    }

    @Override
    public String capture(Pool pool, ModelPool current) {
        Deployment deployment = deployment(pool).require();
        Container container = container(deployment, pool);
        ResourceRequirements resources = container.getResources();
        Quantity gpus = resources != null && resources.getLimits() != null ? resources.getLimits().get(GPU) : null;
        return json.writeValueAsString(new ContainerSpec(container.getImage(), container.getArgs(),
                gpus != null ? gpus.toString() : null, annotation(deployment)));
    }

    @Override
    public void stop(Pool pool, ModelPool current) {
        // The rollout of the new spec stops the old pods first (strategy Recreate).
    }

    @Override
    public URI start(Pool pool, ModelProfile target) throws IOException, InterruptedException {
        String image = target.vllm().image();
        apply(pool, new ContainerSpec(image, VllmArguments.of(target),
                Integer.toString(target.vllm().tensorParallelSize()), target.id()));
        return pool.baseUrl();
    }

    @Override
    public URI restore(Pool pool, String snapshot) throws IOException, InterruptedException {
        apply(pool, json.readValue(snapshot, ContainerSpec.class));
        return pool.baseUrl();
    }

    private void apply(Pool pool, ContainerSpec spec) throws IOException, InterruptedException {
        Deployment edited = deployment(pool).edit(deployment -> {
            Container container = container(deployment, pool);
            if (spec.image() != null) {
                container.setImage(spec.image());
            }
            container.setArgs(spec.args());
            if (spec.gpus() != null) {
                ResourceRequirements resources = container.getResources() != null ? container.getResources()
                        : new ResourceRequirements();
                resources.setLimits(with(resources.getLimits(), spec.gpus()));
                resources.setRequests(with(resources.getRequests(), spec.gpus()));
                container.setResources(resources);
            }
            Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(
                    deployment.getMetadata().getAnnotations(), Map.of()));
            if (spec.profileId() != null) {
                annotations.put(PROFILE_ANNOTATION, spec.profileId());
            }
            deployment.getMetadata().setAnnotations(annotations);
            return deployment;
        });
        awaitRollout(pool, edited.getMetadata().getGeneration());
    }

    /** Until the Deployment controller has seen the new spec and every replica runs it and is available. */
    private void awaitRollout(Pool pool, Long generation) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + rolloutTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Deployment deployment = deployment(pool).get();
            if (deployment != null && rolledOut(deployment, generation)) {
                return;
            }
            Thread.sleep(POLL);
        }
        throw new IOException("the rollout of deployment " + pool.kubernetes().deployment() + " did not complete "
                + "within " + rolloutTimeout);
    }

    static boolean rolledOut(Deployment deployment, Long generation) {
        var status = deployment.getStatus();
        if (status == null) {
            return false;
        }
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        boolean observed = generation == null || status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation;
        return observed && replicas == Objects.requireNonNullElse(status.getUpdatedReplicas(), 0)
                && replicas == Objects.requireNonNullElse(status.getAvailableReplicas(), 0)
                && Objects.requireNonNullElse(status.getReplicas(), 0) == replicas;
    }

    private RollableScalableResource<Deployment> deployment(Pool pool) {
        String namespace = pool.kubernetes().namespace();
        return namespace != null && !namespace.isBlank()
                ? kubernetes.apps().deployments().inNamespace(namespace).withName(pool.kubernetes().deployment())
                : kubernetes.apps().deployments().withName(pool.kubernetes().deployment());
    }

    private static Container container(Deployment deployment, Pool pool) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(pool.kubernetes().container())).findFirst()
                .orElseThrow(() -> new IllegalStateException("deployment " + pool.kubernetes().deployment()
                        + " has no container " + pool.kubernetes().container()));
    }

    private static String annotation(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(PROFILE_ANNOTATION);
    }

    private static Map<String, Quantity> with(Map<String, Quantity> resources, String gpus) {
        Map<String, Quantity> changed = new HashMap<>(Objects.requireNonNullElse(resources, Map.of()));
        changed.put(GPU, new Quantity(gpus));
        return changed;
    }
}
