package io.llmplatform.support.quota;

import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.contracts.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the whole compacted quota topic from its beginning into {@link QuotaLimits}, then follows it. Every replica
 * reads every partition (no consumer group), since each needs every user's state. As a health indicator it is DOWN
 * until the replica has caught up with the topic, so a fresh replica does not admit calls on default limits.
 */
public final class QuotaStateFeed implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(QuotaStateFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

    private final Map<String, Object> consumerConfig;
    private final QuotaLimits limits;
    private final JsonMapper json;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public QuotaStateFeed(Map<String, Object> kafkaConsumerConfig, QuotaLimits limits, JsonMapper json) {
        Map<String, Object> config = new HashMap<>(kafkaConsumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // auth-service creates the topic with its partitions. Created here first, by a metadata request, it would
        // have the broker's default of one, and the partitions auth-service adds would go unread until the next
        // partition check: a limit change on them unseen for up to a minute.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerConfig = config;
        this.limits = limits;
        this.json = json;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("quota-state-feed").start(this::follow);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        return caughtUp ? Health.up().build()
                : Health.down().withDetail("reason", "quota states not yet read up to date").build();
    }

    private void follow() {
        while (running) {
            try (var kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                followWith(kafka);
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("Quota state feed failed, reconnecting: {}", e.getMessage());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private void followWith(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = List.of();
        Map<TopicPartition, Long> endAtStart = Map.of();
        Instant nextPartitionCheck = Instant.EPOCH;
        while (running) {
            if (Instant.now().isAfter(nextPartitionCheck)) {
                List<TopicPartition> found = kafka.partitionsFor(Topics.QUOTA).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (!found.equals(partitions) && !found.isEmpty()) {
                    partitions = found;
                    kafka.assign(partitions);
                    kafka.seekToBeginning(partitions);
                    endAtStart = kafka.endOffsets(partitions);
                }
                nextPartitionCheck = Instant.now().plus(partitions.isEmpty() ? Duration.ofSeconds(2) : PARTITION_CHECK);
            }
            if (partitions.isEmpty()) {
                sleep(POLL);
                continue;
            }
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                apply(record);
            }
            if (!caughtUp) {
                caughtUp = endAtStart.entrySet().stream()
                        .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            limits.update(json.readValue(record.value(), QuotaState.class));
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable quota state at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
