package io.llmplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What production needs of the Kubernetes manifests, checked on each overlay's typed objects. */
class KubernetesManifestsTest {

    /** The services' graceful shutdown waits this long for in-flight requests (SHUTDOWN_TIMEOUT). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Created out of band in production; the dev overlay generates it. */
    private static final String PLATFORM_SECRETS = "llm-platform-secrets";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsAKnownKubernetesTypeWithoutUnknownFields(String overlay) {
        assertThat(Overlay.of(overlay).objects()).hasSizeGreaterThan(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsDeploymentServiceAutoscalerDisruptionBudgetConfigAndAccount(String name) {
        Overlay overlay = Overlay.of(name);
        for (String service : Overlay.SERVICES) {
            Deployment deployment = overlay.get(Deployment.class, service);
            String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
            assertThat(overlay.find(ServiceAccount.class, account)).as(service + "'s ServiceAccount").isPresent();
            assertThat(overlay.get(Service.class, service).getSpec().getSelector())
                    .containsEntry("app.kubernetes.io/name", service);
            assertThat(overlay.get(HorizontalPodAutoscaler.class, service).getSpec().getScaleTargetRef().getName())
                    .isEqualTo(service);
            assertThat(overlay.get(PodDisruptionBudget.class, service).getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", service);
            assertThat(overlay.get(ConfigMap.class, service + "-config").getData()).containsKey("SERVER_PORT");
            assertThat(overlay.get(ServiceMonitor.class, service).getSpec().getEndpoints())
                    .allSatisfy(endpoint -> {
                        assertThat(endpoint.getPort()).isEqualTo("management");
                        assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasResourcesThreeDistinctProbesGracefulShutdownAndSpread(String name) {
        Overlay overlay = Overlay.of(name);
        for (String service : Overlay.SERVICES) {
            PodSpec pod = overlay.get(Deployment.class, service).getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().getFirst();
            assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service).containsKey("memory");
            Probe startup = container.getStartupProbe();
            Probe liveness = container.getLivenessProbe();
            Probe readiness = container.getReadinessProbe();
            assertThat(List.of(startup, liveness, readiness)).as(service).doesNotContainNull();
            assertThat(liveness.getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(readiness.getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(Set.of(startup, liveness, readiness)).as(service + ": three different probes").hasSize(3);
            assertThat(List.of(startup, liveness, readiness)).allSatisfy(probe ->
                    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
            long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(pod.getTerminationGracePeriodSeconds()).as(service + " can drain before it is killed")
                    .isGreaterThanOrEqualTo(SHUTDOWN_TIMEOUT.toSeconds() + preStop);
            assertThat(pod.getTopologySpreadConstraints()).extracting("topologyKey")
                    .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void managementIsOnItsOwnPortWhichTheServicesExposeBesideHttp(String name) {
        Overlay overlay = Overlay.of(name);
        assertThat(overlay.get(ConfigMap.class, "platform-config").getData())
                .containsEntry("MANAGEMENT_SERVER_PORT", "9001");
        for (String service : Overlay.SERVICES) {
            assertThat(overlay.get(Service.class, service).getSpec().getPorts()).extracting(ServicePort::getName)
                    .containsExactly("http", "management");
        }
    }

    @Test
    void chatScalesOnInFlightRequestsBesideCpu() {
        List<MetricSpec> metrics = Overlay.of("prod").get(HorizontalPodAutoscaler.class, "chat-service").getSpec()
                .getMetrics();
        assertThat(metrics).extracting(MetricSpec::getType).containsExactlyInAnyOrder("Resource", "Pods");
        assertThat(metrics).filteredOn(metric -> metric.getType().equals("Pods"))
                .extracting(metric -> metric.getPods().getMetric().getName()).containsExactly("chat_inflight_requests");
        for (String service : Overlay.SERVICES) {
            assertThat(Overlay.of("prod").get(HorizontalPodAutoscaler.class, service).getSpec().getMetrics())
                    .anySatisfy(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everythingIsDeniedUnlessAPolicyAdmitsIt(String name) {
        NetworkPolicy denyAll = Overlay.of(name).get(NetworkPolicy.class, "default-deny-ingress");
        assertThat(denyAll.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(denyAll.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(denyAll.getSpec().getIngress()).isNullOrEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayAdmitsTrafficFromOutsideAndOnlyPrometheusReachesManagement(String name) {
        for (NetworkPolicy policy : Overlay.of(name).all(NetworkPolicy.class)) {
            String selected = policy.getMetadata().getName();
            policy.getSpec().getIngress().forEach(rule -> {
                assertThat(rule.getFrom()).as(selected + ": a rule must name its sources").isNotEmpty();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).as(selected).isNull();
                    if (peer.getNamespaceSelector() == null) {
                        continue;
                    }
                    String namespace = peer.getNamespaceSelector().getMatchLabels()
                            .get("kubernetes.io/metadata.name");
                    Set<String> ports = rule.getPorts().stream().map(port -> port.getPort().getStrVal())
                            .collect(Collectors.toSet());
                    if (namespace.equals("ingress-nginx")) {
                        assertThat(selected).as("only the gateway admits the ingress controller")
                                .isEqualTo("api-gateway");
                        assertThat(ports).containsExactly("http");
                    } else {
                        assertThat(namespace).as(selected + " admits another namespace").isEqualTo("monitoring");
                        assertThat(ports).as(selected + ": Prometheus scrapes, nothing else")
                                .isSubsetOf("management", "http");
                        if (!selected.equals("vllm")) {
                            assertThat(ports).containsExactly("management");
                        }
                    }
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressLeadsToTheGatewayOnly(String name) {
        List<Ingress> ingresses = Overlay.of(name).all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        assertThat(ingresses.getFirst().getSpec().getRules()).flatExtracting(rule -> rule.getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getName()).isEqualTo("api-gateway"));
    }

    @Test
    void everySecretTheDevOverlayReferencesIsGeneratedWithTheKeysAsked() {
        Overlay dev = Overlay.of("dev");
        Map<String, Set<String>> generated = dev.all(Secret.class).stream().collect(Collectors.toMap(
                secret -> secret.getMetadata().getName(), secret -> secret.getData().keySet()));
        secretReferences(dev).forEach(reference -> {
            if (!reference.optional()) {
                assertThat(generated).as("secret " + reference.name()).containsKey(reference.name());
                assertThat(generated.get(reference.name())).contains(reference.key());
            }
        });
    }

    @Test
    void productionReferencesOnlyTheSecretsItsReadmeSaysToCreate() {
        assertThat(secretReferences(Overlay.of("prod")).stream().filter(reference -> !reference.optional())
                .map(SecretReference::name).collect(Collectors.toSet())).containsExactly(PLATFORM_SECRETS);
        assertThat(Overlay.of("prod").all(Secret.class)).as("no secret is committed for production").isEmpty();
    }

    @Test
    void vllmRunsOnGpuNodesWithItsModelVolume() {
        Overlay prod = Overlay.of("prod");
        PodSpec pod = prod.get(Deployment.class, "vllm").getSpec().getTemplate().getSpec();
        Container vllm = pod.getContainers().getFirst();
        assertThat(vllm.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(vllm.getResources().getRequests()).containsKey("nvidia.com/gpu");
        assertThat(pod.getTolerations()).anySatisfy(toleration ->
                assertThat(toleration.getKey()).isEqualTo("nvidia.com/gpu"));
        assertThat(vllm.getCommand()).containsExactly("vllm", "serve");
        assertThat(vllm.getArgs()).contains("--served-model-name", "--gpu-memory-utilization");
        String claim = pod.getVolumes().stream().filter(volume -> volume.getPersistentVolumeClaim() != null)
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName();
        assertThat(prod.find(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, claim)).isPresent();
    }

    @Test
    void devRunsTheSimulatorInPlaceOfVllmWithoutAGpu() {
        Container model = Overlay.of("dev").get(Deployment.class, "vllm").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();
        assertThat(model.getImage()).startsWith("llm-platform/vllm-simulator");
        assertThat(model.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everythingLandsInTheOverlaysNamespace(String name) {
        String namespace = name.equals("dev") ? "llm-platform-dev" : "llm-platform";
        Overlay.of(name).objects().stream().filter(object -> !object.getKind().equals("Namespace"))
                .forEach(object -> assertThat(object.getMetadata().getNamespace())
                        .as(object.getKind() + " " + object.getMetadata().getName()).isEqualTo(namespace));
        assertThat(Overlay.of(name).get(io.fabric8.kubernetes.api.model.rbac.RoleBinding.class,
                "model-manager-vllm-switcher").getSubjects()).allSatisfy(subject ->
                assertThat(subject.getNamespace()).isEqualTo(namespace));
    }

    private record SecretReference(String name, String key, boolean optional) {
    }

    private static List<SecretReference> secretReferences(Overlay overlay) {
        return overlay.all(Deployment.class).stream()
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(container -> Stream.ofNullable(container.getEnv()).flatMap(List::stream))
                .map(EnvVar::getValueFrom).filter(Objects::nonNull)
                .map(source -> source.getSecretKeyRef()).filter(Objects::nonNull)
                .map(ref -> new SecretReference(ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional())))
                .toList();
    }

}
