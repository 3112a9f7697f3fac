package io.llmplatform.auth.usage;

import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/** The batch consumer that records usage, with dead-lettering for poison messages. */
@Configuration(proxyBeanMethods = false)
class UsageLedgerKafkaConfig {

    static final String FACTORY = "usageLedgerListenerFactory";
    private static final int MAX_BATCH = 1000;

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, UsageEvent> usageLedgerListenerFactory(
            KafkaProperties kafka, JsonMapper json, AuthProperties properties, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-service-usage-ledger");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var values = new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>(UsageEvent.class, json, false));
        var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), values);
        // The consumer's own metrics (records-lag-max...), for the consumer lag alert; Boot only binds its own factory.
        meters.ifAvailable(registry -> consumers.addListener(new MicrometerConsumerListener<>(registry)));

        var factory = new ConcurrentKafkaListenerContainerFactory<String, UsageEvent>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.kafka().ledgerConsumers());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        factory.setCommonErrorHandler(errorHandler(kafka, json));
        return factory;
    }

    /**
     * Poison (unreadable or invalid events) goes to the dead-letter topic at once, with the cause in its headers;
     * anything else, such as a database outage, is retried with back-off for as long as it takes.
     */
    private static DefaultErrorHandler errorHandler(KafkaProperties kafka, JsonMapper json) {
        Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
        serializers.put(byte[].class, new ByteArraySerializer());
        // Type headers stay off through spring.json.add.type.headers in the producer properties.
        serializers.put(UsageEvent.class, new JacksonJsonSerializer<UsageEvent>(json));
        var producers = new DefaultKafkaProducerFactory<String, Object>(kafka.buildProducerProperties(),
                new StringSerializer(), new DelegatingByTypeSerializer(serializers));
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(producers);
        var deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.USAGE_DEAD_LETTER, -1));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(InvalidUsageEvent.class, DeserializationException.class);
        return handler;
    }
}
