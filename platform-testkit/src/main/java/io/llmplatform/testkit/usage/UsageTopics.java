package io.llmplatform.testkit.usage;

import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage and quota topics as a spending service's tests see them: the usage events it published for a user,
 * and quota states published as auth-service publishes them.
 */
public final class UsageTopics {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The usage events published for {@code user}, waiting up to {@code wait} for at least {@code expected}. */
    public static List<UsageEvent> usageEventsOf(String servers, UUID user, int expected, Duration wait) {
        List<UsageEvent> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "usage-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.USAGE));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && events.size() < expected) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(user.toString())) {
                        events.add(JSON.readValue(record.value(), UsageEvent.class));
                    }
                });
            }
        }
        return events;
    }

    /** Publishes {@code user}'s quota state for this month: {@code used} of {@code limit} tokens. */
    public static void publishQuota(String servers, UUID user, long limit, long used) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.QUOTA, user.toString(), JSON.writeValueAsString(
                    new QuotaState(user, limit, YearMonth.now(ZoneOffset.UTC), used, Instant.now()))));
        }
    }

    private UsageTopics() {
    }
}
