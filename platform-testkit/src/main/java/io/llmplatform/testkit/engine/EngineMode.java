package io.llmplatform.testkit.engine;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/** Where the test engines run: in containers when a Docker engine answers, as local processes otherwise. */
public enum EngineMode {
    DOCKER,
    LOCAL;

    private static volatile EngineMode current;

    /** {@code TEST_ENGINES} (environment) or {@code test.engines} (system property) forces a mode. */
    public static EngineMode current() {
        if (current == null) {
            synchronized (EngineMode.class) {
                if (current == null) {
                    current = detect();
                }
            }
        }
        return current;
    }

    private static EngineMode detect() {
        String forced = System.getProperty("test.engines", System.getenv("TEST_ENGINES"));
        if (forced != null && !forced.isBlank()) {
            return valueOf(forced.trim().toUpperCase(Locale.ROOT));
        }
        return DockerClientFactory.instance().isDockerAvailable() ? DOCKER : LOCAL;
    }
}
