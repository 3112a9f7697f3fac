package io.llmplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.llmplatform.testkit.deploy.DeployTools;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Compose and Kubernetes give each service the same variables, apart from what only one of them has. */
class ComposeKubernetesParityTest {

    /**
     * Kubernetes-only: the port is explicit there, the database host builds DATABASE_URL, the gateway trusts the
     * ingress controller's X-Forwarded-For, and model-manager's kubernetes driver finds its Deployment.
     */
    private static final Set<String> KUBERNETES_ONLY = Set.of("SERVER_PORT", "POSTGRES_HOST",
            "GATEWAY_TRUSTED_PROXIES", "MODEL_POOL_K8S_NAMESPACE", "MODEL_POOL_K8S_DEPLOYMENT", "MODEL_POOL_PROFILE",
            "MODEL_POOL_GPUS");

    @Test
    void everyServiceGetsTheSameVariablesFromComposeAndFromKubernetes() {
        Map<String, Set<String>> compose = DeployTools.forThisBuild()
                .deployChecks("compose-env", "docker-compose.yml", ".env.example").orFail("deploy-checks compose-env")
                .lines().filter(line -> !line.isBlank()).map(line -> line.split(" ", 2))
                .collect(Collectors.groupingBy(parts -> parts[0], Collectors.mapping(parts -> parts[1],
                        Collectors.toCollection(TreeSet::new))));
        Overlay dev = Overlay.of("dev");
        for (String service : Overlay.SERVICES) {
            Set<String> kubernetes = variables(dev, dev.get(Deployment.class, service));
            assertThat(kubernetes).as(service + ": Kubernetes lacks what compose gives")
                    .containsAll(compose.get(service));
            Set<String> onlyKubernetes = new TreeSet<>(kubernetes);
            onlyKubernetes.removeAll(compose.get(service));
            assertThat(onlyKubernetes).as(service + ": compose lacks what Kubernetes gives")
                    .isSubsetOf(KUBERNETES_ONLY);
        }
    }

    private static Set<String> variables(Overlay overlay, Deployment deployment) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        Set<String> names = new HashSet<>();
        container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).forEach(ref ->
                names.addAll(overlay.get(ConfigMap.class, ref.getName()).getData().keySet()));
        if (container.getEnv() != null) {
            container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        }
        return names;
    }
}
