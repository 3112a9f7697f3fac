package io.llmplatform.testkit.models;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** {@code llm.models.v1} as a routing service's tests use it: pools announced and withdrawn as model-manager does. */
public final class ModelTopics {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Publishes {@code announcement}, keyed by its pool. */
    public static void announce(String servers, ModelAnnouncement announcement) {
        publish(servers, announcement.pool(), JSON.writeValueAsString(announcement));
    }

    /** Publishes the pool's tombstone: readers forget it. */
    public static void withdraw(String servers, String pool) {
        publish(servers, pool, null);
    }

    private static void publish(String servers, String pool, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.MODELS, pool, value));
        }
    }

    private ModelTopics() {
    }
}
