package io.llmplatform.testkit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Engine versions, pinned in the root pom and filtered into {@code test-engines.properties}. */
final class EngineVersions {

    private static final Properties VERSIONS = load();

    static String get(String key) {
        String value = VERSIONS.getProperty(key);
        if (value == null || value.startsWith("@")) {
            throw new IllegalStateException("test-engines.properties has no value for " + key);
        }
        return value;
    }

    private static Properties load() {
        try (InputStream in = EngineVersions.class.getResourceAsStream("/test-engines.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EngineVersions() {
    }
}
