package io.llmplatform.support.models;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model routes from {@code llm.models.v1} for services that route requests to models
 * ({@code platform.models.routes.enabled=true}), with the {@code modelRoutes} health indicator for readiness.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnProperty(prefix = "platform.models.routes", name = "enabled", havingValue = "true")
@ConditionalOnClass(KafkaProperties.class)
public class ModelRoutesAutoConfiguration {

    @Bean
    ModelRoutes modelRoutes() {
        return new ModelRoutes();
    }

    @Bean("modelRoutesHealthIndicator")
    ModelRoutesFeed modelRoutesFeed(KafkaProperties kafka, ModelRoutes routes, JsonMapper json) {
        return new ModelRoutesFeed(kafka.buildConsumerProperties(), routes, json);
    }
}
