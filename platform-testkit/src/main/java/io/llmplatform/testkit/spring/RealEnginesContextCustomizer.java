package io.llmplatform.testkit.spring;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.PostgresEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts (or reuses) the engines and puts their addresses ahead of every other property source. Contexts that ask
 * for the same engines are equal, so Spring's context cache still shares them between test classes.
 */
record RealEnginesContextCustomizer(Set<Engine> engines) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (engines.contains(Engine.POSTGRES)) {
            String prefix = context.getEnvironment().getProperty("spring.application.name", "test");
            PostgresEngine.Database database = TestEngines.postgres().createDatabase(prefix);
            properties.put("spring.datasource.url", database.jdbcUrl());
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
        }
        if (engines.contains(Engine.KAFKA)) {
            properties.put("spring.kafka.bootstrap-servers", TestEngines.kafka().bootstrapServers());
        }
        if (engines.contains(Engine.REDIS)) {
            properties.put("spring.data.redis.url", TestEngines.redis().url());
            properties.put("test-engines.redis.url", TestEngines.redis().url());
        }
        if (engines.contains(Engine.CHROMA)) {
            properties.put("test-engines.chroma.url", TestEngines.chroma().baseUrl());
        }
        if (engines.contains(Engine.TOKEN_ISSUER)) {
            properties.put("platform.security.jwks-uri", TestEngines.tokenIssuer().jwksUri());
            properties.put("platform.security.issuer", TestEngines.tokenIssuer().issuer());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realEngines", properties));
    }
}
