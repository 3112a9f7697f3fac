package io.llmplatform.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * What to run and on what. A null URL means the embedded engine.
 *
 * @param services the services to start, in {@link ServiceCatalog} names
 * @param freePorts run everything on free ports instead of the default ones (for tests beside other work)
 * @param aotCache train and use each service's JDK AOT cache: about half the start-up time after the first start
 * @param serviceJvmOptions every service's JVM options; empty for the small-footprint defaults
 */
record LaunchSettings(
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
        List<String> serviceJvmOptions) {
}
