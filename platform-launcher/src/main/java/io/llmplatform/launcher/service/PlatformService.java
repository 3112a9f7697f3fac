package io.llmplatform.launcher.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The platform's services, as the launcher knows them: module, default port, and own database if any. */
public enum PlatformService {

    AUTH("auth-service", 8081, "auth", true),
    CHAT("chat-service", 8082, "chat", true),
    EMBEDDING("embedding-service", 8083, "embedding", true),
    DOCUMENT("document-service", 8084, "document", false),
    MODEL_MANAGER("model-manager-service", 8085, "models", true),
    GATEWAY("api-gateway", 8080, null, false);

    private final String module;
    private final int defaultPort;
    private final String database;
    private final boolean usesKafka;

    PlatformService(String module, int defaultPort, String database, boolean usesKafka) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
        this.usesKafka = usesKafka;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public boolean usesKafka() {
        return usesKafka;
    }

    public static PlatformService byModule(String module) {
        return Arrays.stream(values()).filter(service -> service.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + module + "'; known: "
                        + Arrays.stream(values()).map(PlatformService::module).toList()));
    }

    public static List<String> allModules() {
        return Arrays.stream(values()).map(PlatformService::module).toList();
    }
}
