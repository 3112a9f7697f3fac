package io.llmplatform.auth;

import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.testkit.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage events per second recorded end to end: from the first event sent to Kafka to the last one committed in the
 * ledger and its rollups, by the running auth-service, for {@code EVENTS} events of {@code USERS} users (who exist,
 * so every batch also publishes their quota states). Not part of the test suite; run with
 * {@code ./mvnw -pl auth-service test -Dtest=UsageLedgerThroughputBenchmark}.
 */
class UsageLedgerThroughputBenchmark extends AuthIntegrationTest {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 200_000);
    private static final int USERS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @Test
    void usageEventsPerSecondFromKafkaToTheLedger() throws Exception {
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> users = Stream.generate(UUID::randomUUID).limit(USERS).toList();
        users.forEach(user -> jdbc.sql("""
                insert into users (id, email, username, password_hash, status, monthly_token_limit, created_at,
                                   updated_at) values (?, ?, ?, 'x', 'ACTIVE', 1000000000, now(), now())
                """).params(user, user + "@bench.example", user.toString().substring(0, 30)).update());
        List<String> payloads = Stream.iterate(0, i -> i + 1).limit(EVENTS)
                .map(i -> JSON.writeValueAsString(new UsageEvent(UUID.randomUUID(), Instant.now(), run, "r" + i,
                        users.get(i % USERS), null, "model-" + (i % 3), 120, 40, 500, 80L, UsageStatus.SUCCESS)))
                .toList();

        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < EVENTS; i++) {
                producer.send(new ProducerRecord<>(Topics.USAGE, users.get(i % USERS).toString(), payloads.get(i)));
            }
        }
        long sent = System.nanoTime();
        long recorded;
        while ((recorded = ledgerRows(run)) < EVENTS) {
            if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 5) {
                throw new AssertionError("only " + recorded + " of " + EVENTS + " recorded after 5 minutes");
            }
            Thread.sleep(100);
        }
        long done = System.nanoTime();
        long rollupRequests = jdbc.sql("select coalesce(sum(requests), 0) from usage_daily where model like 'model-%' "
                + "and user_id in (select id from users where email like '%@bench.example')").query(Long.class).single();

        System.out.printf("usage ledger: %d events of %d users; sent in %.2f s; recorded end to end in %.2f s = "
                        + "%.0f events/s; rollups count %d requests%n", EVENTS, USERS, seconds(start, sent),
                seconds(start, done), EVENTS / seconds(start, done), rollupRequests);
    }

    private long ledgerRows(String run) {
        return jdbc.sql("select count(*) from usage_ledger where service = ?").param(run).query(Long.class).single();
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
