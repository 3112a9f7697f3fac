package io.llmplatform.models.switching;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.llmplatform.models.catalog.ModelCatalog;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.DriverKind;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.fit.FitCalculator;
import io.llmplatform.models.hardware.GpuInventory;
import io.llmplatform.models.pool.PoolRegistry;
import io.llmplatform.models.switching.driver.DockerDriver;
import io.llmplatform.models.switching.driver.KubernetesDriver;
import io.llmplatform.models.switching.driver.SimulatorDriver;
import io.llmplatform.models.switching.driver.SleepModeDriver;
import io.llmplatform.models.switching.driver.SwitchDriver;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The switch machinery. Drivers are built when a pool first needs one: the Kubernetes client reads the in-cluster
 * service account (or the kubeconfig); a Docker client is made per Engine API address.
 */
@Configuration(proxyBeanMethods = false)
class SwitchingConfiguration {

    @Bean
    SwitchDrivers switchDrivers(ModelManagerProperties properties, VllmEndpointClient endpoints, JsonMapper json,
            RemoteClients clients) {
        Duration loadTimeout = properties.switching().loadTimeout();
        SwitchDriver simulator = new SimulatorDriver(endpoints, json, properties.switching().simulatorLoadTime());
        SwitchDriver sleep = new SleepModeDriver(endpoints);
        return new SwitchDrivers(properties, Map.of(
                DriverKind.SIMULATOR, pool -> simulator,
                DriverKind.SLEEP, pool -> sleep,
                DriverKind.KUBERNETES, pool -> new KubernetesDriver(clients.kubernetes(), json, loadTimeout),
                DriverKind.DOCKER, pool -> new DockerDriver(clients.docker(pool.docker().host()), json,
                        loadTimeout)));
    }

    @Bean
    RemoteClients remoteClients() {
        return new RemoteClients();
    }

    @Bean
    SwitchRunner switchRunner(SwitchJobRepository jobs, PoolRegistry pools, ModelCatalog catalog,
            SwitchDrivers drivers, VllmEndpointClient endpoints, ModelManagerProperties properties,
            TransactionTemplate transaction, Clock clock) {
        return new SwitchRunner(jobs, pools, catalog, drivers, endpoints, properties, transaction, clock);
    }

    @Bean
    SwitchJobExecutor switchJobExecutor(SwitchJobRepository jobs, SwitchRunner runner,
            ModelManagerProperties properties, Clock clock) {
        return new SwitchJobExecutor(jobs, runner, properties, clock);
    }

    @Bean
    SwitchService switchService(ModelManagerProperties properties, ModelCatalog catalog, PoolRegistry pools,
            SwitchDrivers drivers, GpuInventory gpus, FitCalculator fit, SwitchJobRepository jobs,
            SwitchJobExecutor executor, TransactionTemplate transaction, Clock clock) {
        return new SwitchService(properties, catalog, pools, drivers, gpus, fit, jobs, executor, transaction, clock);
    }

    /** The Kubernetes and Docker clients, made on first use and closed with the service. */
    static final class RemoteClients implements DisposableBean {

        private volatile KubernetesClient kubernetes;
        private final Map<String, DockerClient> docker = new ConcurrentHashMap<>();

        synchronized KubernetesClient kubernetes() {
            if (kubernetes == null) {
                kubernetes = new KubernetesClientBuilder().build();
            }
            return kubernetes;
        }

        DockerClient docker(String host) {
            return docker.computeIfAbsent(host, address -> DockerClientImpl.getInstance(
                    DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(address).build(),
                    new ApacheDockerHttpClient.Builder().dockerHost(URI.create(address))
                            .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(5))
                            .build()));
        }

        @Override
        public void destroy() throws Exception {
            if (kubernetes != null) {
                kubernetes.close();
            }
            for (DockerClient client : docker.values()) {
                client.close();
            }
        }
    }
}
