package io.llmplatform.models.switching;

import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.DriverKind;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.switching.driver.SwitchDriver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Each pool's driver, chosen by configuration; a driver is built when a pool first needs it. */
public final class SwitchDrivers {

    private final ModelManagerProperties properties;
    private final Map<DriverKind, Function<Pool, SwitchDriver>> factories;
    private final Map<String, SwitchDriver> byPool = new ConcurrentHashMap<>();

    public SwitchDrivers(ModelManagerProperties properties, Map<DriverKind, Function<Pool, SwitchDriver>> factories) {
        this.properties = properties;
        this.factories = Map.copyOf(factories);
    }

    public SwitchDriver of(Pool pool) {
        return byPool.computeIfAbsent(pool.name(), name -> {
            DriverKind kind = properties.driverOf(pool);
            Function<Pool, SwitchDriver> factory = factories.get(kind);
            if (factory == null) {
                throw new IllegalStateException("no " + kind + " driver is configured");
            }
            return factory.apply(pool);
        });
    }
}
