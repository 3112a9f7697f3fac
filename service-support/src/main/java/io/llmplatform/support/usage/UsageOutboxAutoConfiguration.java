package io.llmplatform.support.usage;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The usage outbox and its relay, for services that spend tokens ({@code platform.usage.outbox.enabled=true}). */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnProperty(prefix = "platform.usage.outbox", name = "enabled", havingValue = "true")
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(UsageOutboxProperties.class)
@EnableScheduling
public class UsageOutboxAutoConfiguration {

    @Bean
    UsageOutboxRows usageOutboxRows(JdbcTemplate jdbc, JsonMapper json) {
        return new UsageOutboxRows(jdbc, json);
    }

    @Bean
    UsageOutboxWriter usageOutboxWriter(UsageOutboxRows rows, TransactionTemplate transaction,
            UsageOutboxProperties properties, MeterRegistry meters) {
        return new UsageOutboxWriter(rows, transaction, properties.batchSize(), properties.capacity(), meters);
    }

    @Bean
    UsageOutbox usageOutbox(UsageOutboxRows rows, UsageOutboxWriter writer) {
        return new UsageOutbox(rows, writer);
    }

    @Bean
    UsageOutboxRelay usageOutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaProperties kafka,
            UsageOutboxProperties properties, MeterRegistry meters) {
        return new UsageOutboxRelay(jdbc, transaction, new KafkaTemplate<>(producers(kafka, properties)),
                properties.batchSize(), properties.sendTimeout(), meters);
    }

    /** Payloads are already JSON; an unreachable broker fails a batch within the send timeout, not minutes later. */
    private static DefaultKafkaProducerFactory<String, String> producers(KafkaProperties kafka,
            UsageOutboxProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.sendTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.sendTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.sendTimeout().toMillis() + 5_000);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer());
    }
}
