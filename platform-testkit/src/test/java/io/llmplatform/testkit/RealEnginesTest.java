package io.llmplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.engine.PostgresEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each engine the kit starts is the real thing: it stores, delivers and answers. */
class RealEnginesTest {

    @Test
    void postgresGivesEachCallerItsOwnDatabase() throws Exception {
        PostgresEngine postgres = TestEngines.postgres();
        PostgresEngine.Database first = postgres.createDatabase("kit");
        PostgresEngine.Database second = postgres.createDatabase("kit");

        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table notes (body text)");
            statement.execute("insert into notes values ('kept')");
        }

        assertThat(second.name()).isNotEqualTo(first.name());
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.username(),
                second.password());
                ResultSet tables = connection.getMetaData().getTables(null, "public", "notes", null)) {
            assertThat(tables.next()).as("the second database does not see the first one's table").isFalse();
        }
        assertThat(TestEngines.postgres()).as("one engine per JVM").isSameAs(postgres);
    }

    @Test
    void kafkaDeliversWhatWasProduced() throws Exception {
        String topic = "kit-" + UUID.randomUUID();
        String servers = TestEngines.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "user-1", "hello")).get();
        }

        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "kit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("user-1");
                assertThat(record.value()).isEqualTo("hello");
            });
        }
    }

    @Test
    void redisAnswersPing() {
        assertThat(TestEngines.redis().ping()).isTrue();
        assertThat(TestEngines.redis().url()).startsWith("redis://");
    }
}
