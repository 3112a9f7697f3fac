package io.llmplatform.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ServiceDefaultsEnvironmentPostProcessorTest {

    private static final String OTLP = ServiceDefaultsEnvironmentPostProcessor.OTLP_ENDPOINT_PROPERTY;

    @Test
    void defaultsApplyButTheServiceOverridesThem() {
        StandardEnvironment environment = environment(Map.of("management.tracing.sampling.probability", "0.25"));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
    }

    @Test
    void traceExportStaysOffWithoutAnOtelEndpoint() {
        StandardEnvironment environment = environment(Map.of());

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty(OTLP)).isFalse();
    }

    @Test
    void otelBaseEndpointSwitchesExportOnForTheTracesPath() {
        StandardEnvironment environment = environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(OTLP)).isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void otelTracesEndpointIsUsedAsGiven() {
        StandardEnvironment environment = environment(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example.com/ingest"));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(OTLP)).isEqualTo("https://traces.example.com/ingest");
    }

    @Test
    void redisIsConfiguredOnlyByANonBlankRedisUrl() {
        StandardEnvironment withUrl = environment(Map.of("REDIS_URL", "redis://cache:6379"));
        StandardEnvironment blank = environment(Map.of("REDIS_URL", " "));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(withUrl, new SpringApplication());
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(blank, new SpringApplication());

        assertThat(withUrl.getProperty("spring.data.redis.url")).isEqualTo("redis://cache:6379");
        assertThat(blank.containsProperty("spring.data.redis.url")).isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
