package io.llmplatform.models.config;

import io.llmplatform.contracts.events.Topics;
import io.llmplatform.models.fit.FitCalculator;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelManagerProperties.class)
@EnableScheduling
class ModelManagerConfiguration {

    /** Compacted and keyed by pool: the latest record of each pool is its route, however old. */
    @Bean
    NewTopic modelsTopic() {
        return TopicBuilder.name(Topics.MODELS).partitions(1).compact().build();
    }

    @Bean
    FitCalculator fitCalculator(ModelManagerProperties properties) {
        return new FitCalculator(properties.fit().weightsFactor(), properties.fit().overheadGib());
    }
}
