package io.llmplatform.support.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.EngineMode;
import io.llmplatform.testkit.engine.KafkaEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

/** A replica learns every user's quota state from the compacted topic, before it reports ready and after. */
class QuotaStateFeedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    @BeforeAll
    static void quotaTopic() {
        TestEngines.kafka().createTopics(Topics.QUOTA);
    }

    @Test
    void readyOnlyOnceEveryStatePublishedBeforeStartIsKnown() {
        List<UUID> users = IntStream.range(0, 500).mapToObj(i -> UUID.randomUUID()).toList();
        users.forEach(user -> publish(new QuotaState(user, 777, MONTH, 5, Instant.now())));
        QuotaLimits limits = new QuotaLimits(1_000_000);
        QuotaStateFeed feed = new QuotaStateFeed(consumerConfig(), limits, JSON);

        feed.start();
        try {
            assertThat(feed.health().getStatus()).isEqualTo(Status.DOWN);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.health().getStatus().equals(Status.UP));

            assertThat(users).allSatisfy(user ->
                    assertThat(limits.of(user, MONTH)).isEqualTo(new QuotaLimits.Limit(777, 5)));
        } finally {
            feed.stop();
        }
    }

    @Test
    void aChangedLimitReachesARunningReplicaWithinSeconds() {
        UUID user = UUID.randomUUID();
        QuotaLimits limits = new QuotaLimits(1_000_000);
        QuotaStateFeed feed = new QuotaStateFeed(consumerConfig(), limits, JSON);
        feed.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.health().getStatus().equals(Status.UP));
            assertThat(limits.of(user, MONTH).monthlyTokenLimit()).isEqualTo(1_000_000);

            publish(new QuotaState(user, 42, MONTH, 0, Instant.now()));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(limits.of(user, MONTH).monthlyTokenLimit()).isEqualTo(42));
        } finally {
            feed.stop();
        }
    }

    @Test
    void usageRecordedInAnotherMonthDoesNotCountThisMonth() {
        UUID user = UUID.randomUUID();
        QuotaLimits limits = new QuotaLimits(1_000_000);

        limits.update(new QuotaState(user, 100, MONTH.minusMonths(1), 99, Instant.now()));

        assertThat(limits.of(user, MONTH)).isEqualTo(new QuotaLimits.Limit(100, 0));
    }

    @Test
    void anOlderStateNeverReplacesANewerOne() {
        UUID user = UUID.randomUUID();
        QuotaLimits limits = new QuotaLimits(1_000_000);
        Instant now = Instant.now();

        limits.update(new QuotaState(user, 500, MONTH, 0, now));
        limits.update(new QuotaState(user, 900, MONTH, 0, now.minusSeconds(10)));

        assertThat(limits.of(user, MONTH).monthlyTokenLimit()).isEqualTo(500);
    }

    @Test
    void aReplicaStartedBeforeAuthServiceCreatedTheTopicReadsEveryPartitionOnceItExists() throws Exception {
        try (KafkaEngine fresh = KafkaEngine.start(EngineMode.current())) {
            QuotaLimits limits = new QuotaLimits(1_000_000);
            QuotaStateFeed feed = new QuotaStateFeed(consumerConfig(fresh.bootstrapServers()), limits, JSON);
            feed.start();
            try {
                Thread.sleep(3_000);
                createWithPartitionsAsAuthServiceDoes(fresh.bootstrapServers(), 3);
                List<UUID> users = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID()).toList();
                users.forEach(user -> publish(fresh.bootstrapServers(), new QuotaState(user, 9, MONTH, 0,
                        Instant.now())));

                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(users).as("on every partition")
                        .allSatisfy(user -> assertThat(limits.of(user, MONTH).monthlyTokenLimit()).isEqualTo(9)));
            } finally {
                feed.stop();
            }
        }
    }

    /** Spring Kafka's KafkaAdmin: create the topic, or add partitions to one that has too few. */
    private static void createWithPartitionsAsAuthServiceDoes(String servers, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            if (admin.listTopics().names().get().contains(Topics.QUOTA)) {
                admin.createPartitions(Map.of(Topics.QUOTA, NewPartitions.increaseTo(partitions))).all().get();
            } else {
                admin.createTopics(List.of(new NewTopic(Topics.QUOTA, partitions, (short) 1))).all().get();
            }
        }
    }

    private static Map<String, Object> consumerConfig() {
        return consumerConfig(TestEngines.kafka().bootstrapServers());
    }

    private static Map<String, Object> consumerConfig(String servers) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    }

    private static void publish(QuotaState state) {
        publish(TestEngines.kafka().bootstrapServers(), state);
    }

    private static void publish(String servers, QuotaState state) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.QUOTA, state.userId().toString(),
                    JSON.writeValueAsString(state)));
        }
    }
}
