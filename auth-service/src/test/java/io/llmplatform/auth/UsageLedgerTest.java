package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.testkit.TestEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Usage events published on Kafka, as the chat and embedding services publish them, end up in the ledger once. */
class UsageLedgerTest extends AuthIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @Test
    void duplicatesAndRedeliveriesAreCountedOnce() {
        AuthApi.Session user = api.newUser();
        UsageEvent first = event(user.userId(), null, "qwen", 100, 20);
        UsageEvent second = event(user.userId(), null, "qwen", 50, 5);

        publish(first, first, second);
        publish(first, second);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(usage(user).body().at("/totals/requests").asLong()).isEqualTo(2));
        publish(second);
        AuthApi.Response report = settle(user, 2);
        assertThat(report.body().at("/totals/promptTokens").asLong()).isEqualTo(150);
        assertThat(report.body().at("/totals/completionTokens").asLong()).isEqualTo(25);
        assertThat(report.body().at("/totals/totalTokens").asLong()).isEqualTo(175);
        assertThat(ledgerRows(user.userId())).isEqualTo(2);
    }

    @Test
    void reportBreaksUsageDownByModelApiKeyAndDay() {
        AuthApi.Session user = api.newUser();
        String keyId = api.post("/api/v1/auth/api-keys", Map.of("name", "nightly job"), user.accessToken())
                .text("/id");
        publish(event(user.userId(), null, "qwen", 10, 10),
                event(user.userId(), UUID.fromString(keyId), "qwen", 5, 5),
                event(user.userId(), UUID.fromString(keyId), "llama", 1, 1));

        AuthApi.Response report = settle(user, 3);

        assertThat(report.body().get("byModel").valueStream().map(m -> m.get("model").asString()))
                .containsExactly("qwen", "llama");
        assertThat(report.body().at("/byModel/0/usage/totalTokens").asLong()).isEqualTo(30);
        assertThat(report.body().get("byApiKey").valueStream().map(k -> k.get("name").asString()))
                .contains("nightly job");
        assertThat(report.body().get("byApiKey").valueStream()
                .filter(k -> k.get("apiKeyId").isNull()).findFirst().orElseThrow()
                .at("/usage/requests").asLong()).isEqualTo(1);
        assertThat(report.body().get("byDay").size()).isEqualTo(1);
        assertThat(report.text("/month")).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(report.body().get("monthlyTokenLimit").asLong()).isPositive();
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        AuthApi.Session user = api.newUser();
        UsageEvent negative = new UsageEvent(UUID.randomUUID(), Instant.now(), "chat-service", "r", user.userId(),
                null, "qwen", -1, 0, 10, null, UsageStatus.SUCCESS);
        try (var deadLetters = consumer(Topics.USAGE_DEAD_LETTER)) {
            publishRaw(user.userId(), "{not json".getBytes(StandardCharsets.UTF_8));
            publish(negative, event(user.userId(), null, "qwen", 7, 3));

            settle(user, 1);

            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (new String(record.key(), StandardCharsets.UTF_8).equals(user.userId().toString())) {
                        dead.add(record);
                    }
                });
                return dead.size() >= 2;
            });
            assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .anyMatch(value -> value.equals("{not json"))
                    .anyMatch(value -> value.contains(negative.eventId().toString()));
            assertThat(dead).allSatisfy(record -> assertThat(record.headers()
                    .lastHeader("kafka_dlt-exception-message")).isNotNull());
        }
    }

    @Test
    void ledgerRowsLandInTheirMonthsPartition() {
        AuthApi.Session user = api.newUser();
        publish(event(user.userId(), null, "qwen", 1, 1));
        settle(user, 1);

        String partition = jdbc.sql("select tableoid::regclass::text from usage_ledger where user_id = ?")
                .param(user.userId()).query(String.class).single();

        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        assertThat(partition).isEqualTo("usage_ledger_y%dm%02d".formatted(month.getYear(), month.getMonthValue()));
    }

    @Test
    void adminSeesThePlatformByModelAndItsTopUsers() {
        AuthApi.Session heavy = api.newUser();
        publish(event(heavy.userId(), null, "mixtral-" + heavy.username(), 900_000, 100_000));
        settle(heavy, 1);

        AuthApi.Response report = api.get("/api/v1/admin/usage?top=3", admin().accessToken()).expect(200);
        AuthApi.Response ofUser = api.get("/api/v1/admin/usage/users/" + heavy.userId(), admin().accessToken());

        assertThat(report.text("/topUsers/0/userId")).isEqualTo(heavy.userId().toString());
        assertThat(report.body().get("byModel").valueStream().map(m -> m.get("model").asString()))
                .contains("mixtral-" + heavy.username());
        assertThat(ofUser.body().at("/totals/totalTokens").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void aMonthThatIsNotYyyyMmIsAValidationFailure() {
        AuthApi.Response response = api.get("/api/v1/usage?month=2026-13", api.newUser().accessToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("/code")).isEqualTo("validation_failed");
        assertThat(response.text("/errors/0/field")).isEqualTo("month");
    }

    @Test
    void anotherMonthShowsNothingOfThisOne() {
        AuthApi.Session user = api.newUser();
        publish(event(user.userId(), null, "qwen", 3, 3));
        settle(user, 1);

        AuthApi.Response lastYear = api.get("/api/v1/usage?month=" + YearMonth.now(ZoneOffset.UTC).minusYears(1),
                user.accessToken()).expect(200);

        assertThat(lastYear.body().at("/totals/requests").asLong()).isZero();
        assertThat(lastYear.body().get("byModel").isEmpty()).isTrue();
    }

    private AuthApi.Response settle(AuthApi.Session user, long requests) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(usage(user).body().at("/totals/requests").asLong()).isEqualTo(requests));
        return usage(user);
    }

    private AuthApi.Response usage(AuthApi.Session user) {
        return api.get("/api/v1/usage", user.accessToken()).expect(200);
    }

    private long ledgerRows(UUID userId) {
        return jdbc.sql("select count(*) from usage_ledger where user_id = ?").param(userId).query(Long.class)
                .single();
    }

    static UsageEvent event(UUID userId, UUID apiKeyId, String model, int prompt, int completion) {
        return new UsageEvent(UUID.randomUUID(), Instant.now(), "chat-service", "req-" + UUID.randomUUID(), userId,
                apiKeyId, model, prompt, completion, 120, 30L, UsageStatus.SUCCESS);
    }

    static void publish(UsageEvent... events) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (UsageEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.USAGE, event.userId().toString(),
                        JSON.writeValueAsString(event)));
            }
        }
    }

    private static void publishRaw(UUID key, byte[] value) {
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.USAGE, key.toString().getBytes(StandardCharsets.UTF_8), value));
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
