package io.llmplatform.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Gives every service the platform's defaults ({@code service-defaults.yml}: probes, metrics, tracing, structured
 * logs, graceful shutdown, virtual threads) at the lowest precedence, so a service's own {@code application.yml}
 * and the environment override any of them.
 * <p>
 * It also honours OpenTelemetry's standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} and
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}: setting either switches trace export on. Unset, no exporter exists.
 * And {@code REDIS_URL}, when set, becomes {@code spring.data.redis.url}: services that use Redis share it only when
 * it is configured, and otherwise fall back to what works in a single process.
 */
public final class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "service-defaults.yml";
    static final String OTLP_ENDPOINT_PROPERTY = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String REDIS_URL_PROPERTY = "spring.data.redis.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fromStandardVariables = new HashMap<>();
        String tracesEndpoint = otlpTracesEndpoint(environment);
        if (tracesEndpoint != null) {
            fromStandardVariables.put(OTLP_ENDPOINT_PROPERTY, tracesEndpoint);
        }
        String redisUrl = environment.getProperty("REDIS_URL");
        if (redisUrl != null && !redisUrl.isBlank()) {
            fromStandardVariables.put(REDIS_URL_PROPERTY, redisUrl);
        }
        if (!fromStandardVariables.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("standardVariables",
                    fromStandardVariables));
        }
        loadDefaults().forEach(environment.getPropertySources()::addLast);
    }

    private static String otlpTracesEndpoint(ConfigurableEnvironment environment) {
        String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return traces;
        }
        String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base != null && !base.isBlank()) {
            return base.replaceAll("/+$", "") + "/v1/traces";
        }
        return null;
    }

    private static List<PropertySource<?>> loadDefaults() {
        try {
            return new YamlPropertySourceLoader().load("platformServiceDefaults", new ClassPathResource(DEFAULTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
