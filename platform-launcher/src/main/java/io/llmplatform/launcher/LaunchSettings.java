package io.llmplatform.launcher;

import io.llmplatform.launcher.service.PlatformService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run and on what. A null URL means the embedded engine.
 *
 * @param repository the checkout whose {@code <module>/target/<module>.jar} are run
 * @param services the services to start, by module name ({@link PlatformService#allModules()})
 * @param freePorts run everything on free ports instead of the default ones (for tests beside other work)
 * @param aotCache train and use each service's JDK AOT cache: about half the start-up time after the first start
 * @param serviceJvmOptions every service's JVM options; empty for the small-footprint defaults
 * @param environment more variables for every service, over the ones the launcher sets
 */
public record LaunchSettings(
        Path repository,
        Path dataDirectory,
        List<String> services,
        String vllmBaseUrl,
        String vllmModel,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        String kafkaBootstrapServers,
        String redisUrl,
        String chromaUrl,
        boolean freePorts,
        boolean aotCache,
        List<String> serviceJvmOptions,
        Map<String, String> environment) {

    public LaunchSettings {
        services = List.copyOf(services);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        environment = Map.copyOf(environment);
    }

    /** Every service, embedded engines, default ports, AOT caches: what {@code ./platform up} does by default. */
    public static Builder builder(Path repository, Path dataDirectory) {
        return new Builder(repository, dataDirectory);
    }

    public static final class Builder {
        private final Path repository;
        private final Path dataDirectory;
        private List<String> services = PlatformService.allModules();
        private String vllmBaseUrl;
        private String vllmModel;
        private String postgresUrl;
        private String postgresUser = "postgres";
        private String postgresPassword = "";
        private String kafkaBootstrapServers;
        private String redisUrl;
        private String chromaUrl;
        private boolean freePorts;
        private boolean aotCache = true;
        private List<String> serviceJvmOptions = List.of();
        private final Map<String, String> environment = new HashMap<>();

        private Builder(Path repository, Path dataDirectory) {
            this.repository = repository;
            this.dataDirectory = dataDirectory;
        }

        public Builder services(List<String> modules) {
            this.services = modules;
            return this;
        }

        public Builder modelServer(String baseUrl, String model) {
            this.vllmBaseUrl = baseUrl;
            this.vllmModel = model;
            return this;
        }

        public Builder postgres(String serverUrl, String user, String password) {
            this.postgresUrl = serverUrl;
            this.postgresUser = user;
            this.postgresPassword = password;
            return this;
        }

        public Builder kafka(String bootstrapServers) {
            this.kafkaBootstrapServers = bootstrapServers;
            return this;
        }

        public Builder redis(String url) {
            this.redisUrl = url;
            return this;
        }

        public Builder chroma(String url) {
            this.chromaUrl = url;
            return this;
        }

        public Builder freePorts(boolean freePorts) {
            this.freePorts = freePorts;
            return this;
        }

        public Builder aotCache(boolean aotCache) {
            this.aotCache = aotCache;
            return this;
        }

        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = options;
            return this;
        }

        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        public LaunchSettings build() {
            return new LaunchSettings(repository, dataDirectory, services, vllmBaseUrl, vllmModel, postgresUrl,
                    postgresUser, postgresPassword, kafkaBootstrapServers, redisUrl, chromaUrl, freePorts, aotCache,
                    serviceJvmOptions, environment);
        }
    }
}
