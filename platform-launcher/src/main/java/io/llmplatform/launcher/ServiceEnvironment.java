package io.llmplatform.launcher;

import io.llmplatform.launcher.engine.DatabaseServer;
import io.llmplatform.launcher.service.PlatformService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment each service gets: exactly the variables it reads in production (see the README), pointing at the
 * engines and at each other.
 */
final class ServiceEnvironment {

    private final Map<PlatformService, Integer> ports;
    private final DatabaseServer database;
    private final String kafka;
    private final String redisUrl;
    private final String chromaUrl;
    private final String vllmBaseUrl;
    private final String vllmModel;
    private final PlatformSecrets secrets;
    private final Path dataDirectory;
    private final Map<String, String> extra;

    ServiceEnvironment(Map<PlatformService, Integer> ports, DatabaseServer database, String kafka, String redisUrl,
            String chromaUrl, String vllmBaseUrl, String vllmModel, PlatformSecrets secrets, Path dataDirectory,
            Map<String, String> extra) {
        this.ports = Map.copyOf(ports);
        this.database = database;
        this.kafka = kafka;
        this.redisUrl = redisUrl;
        this.chromaUrl = chromaUrl;
        this.vllmBaseUrl = vllmBaseUrl;
        this.vllmModel = vllmModel;
        this.secrets = secrets;
        this.dataDirectory = dataDirectory;
        this.extra = Map.copyOf(extra);
    }

    Map<String, String> of(PlatformService service) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(ports.get(service)));
        String auth = "http://localhost:" + ports.get(PlatformService.AUTH);
        env.put("AUTH_JWKS_URI", auth + "/.well-known/jwks.json");
        env.put("AUTH_ISSUER", auth);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        if (redisUrl != null) {
            env.put("REDIS_URL", redisUrl);
        }
        service.database().ifPresent(name -> {
            env.put("DATABASE_URL", database.jdbcUrl(name));
            env.put("DATABASE_USERNAME", database.username());
            env.put("DATABASE_PASSWORD", database.password());
            // One person's platform: a few connections each keep PostgreSQL's memory small.
            env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "4");
        });
        switch (service) {
            case AUTH -> {
                env.put("AUTH_KEY_ENCRYPTION_KEY", secrets.keyEncryptionKey());
                env.put("ADMIN_EMAIL", secrets.adminEmail());
                env.put("ADMIN_PASSWORD", secrets.adminPassword());
                env.put("GATEWAY_CLIENT_SECRET", secrets.gatewayClientSecret());
                env.put("DOCUMENT_SERVICE_CLIENT_SECRET", secrets.documentClientSecret());
            }
            case CHAT -> {
                env.put("VLLM_BASE_URL", vllmBaseUrl);
                if (vllmModel != null) {
                    env.put("VLLM_MODEL", vllmModel);
                }
                env.put("MODEL_MANAGER_SERVICE_URL", "http://localhost:" + ports.get(PlatformService.MODEL_MANAGER));
                env.put("DOCUMENT_SERVICE_URL", "http://localhost:" + ports.get(PlatformService.DOCUMENT));
            }
            case MODEL_MANAGER -> {
                // The launcher's simulator is switched through its admin endpoint; a real server needs a real driver.
                env.put("VLLM_BASE_URL", vllmBaseUrl);
                env.put("MODEL_SWITCH_DRIVER", "simulator");
                env.put("EMBEDDING_SERVICE_URL", "http://localhost:" + ports.get(PlatformService.EMBEDDING));
            }
            case GATEWAY -> {
                env.put("GATEWAY_CLIENT_SECRET", secrets.gatewayClientSecret());
                for (PlatformService downstream : PlatformService.values()) {
                    if (downstream != PlatformService.GATEWAY) {
                        env.put(downstream.name() + "_SERVICE_URL", "http://localhost:" + ports.get(downstream));
                    }
                }
            }
            case DOCUMENT -> {
                if (chromaUrl != null) {
                    env.put("CHROMA_URL", chromaUrl);
                }
                env.put("AUTH_SERVICE_URL", auth);
                env.put("EMBEDDING_SERVICE_URL", "http://localhost:" + ports.get(PlatformService.EMBEDDING));
                env.put("DOCUMENT_SERVICE_CLIENT_SECRET", secrets.documentClientSecret());
                // Uploaded files and, without Chroma, the in-memory vector store's file.
                env.put("DOCUMENT_STORAGE_PATH", dataDirectory.resolve("documents").toString());
            }
            default -> { }
        }
        env.putAll(extra);
        return env;
    }
}
