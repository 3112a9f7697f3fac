package io.llmplatform.auth.config;

import io.llmplatform.contracts.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics auth-service consumes or owns, created at start-up if missing: usage (keyed by user), its dead
 * letters, and the compacted quota state.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    @Bean
    NewTopic usageTopic(AuthProperties properties) {
        return TopicBuilder.name(Topics.USAGE).partitions(properties.kafka().partitions())
                .replicas(properties.kafka().replicationFactor()).build();
    }

    @Bean
    NewTopic usageDeadLetterTopic(AuthProperties properties) {
        return TopicBuilder.name(Topics.USAGE_DEAD_LETTER).partitions(1)
                .replicas(properties.kafka().replicationFactor()).build();
    }

    @Bean
    NewTopic quotaTopic(AuthProperties properties) {
        return TopicBuilder.name(Topics.QUOTA).partitions(properties.kafka().partitions())
                .replicas(properties.kafka().replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build();
    }
}
