package io.llmplatform.support.kafka;

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

/**
 * Reads a whole compacted topic from its beginning, then follows it, handing every record to {@link #apply}. Every
 * replica reads every partition (no consumer group), since each needs the latest value of every key. As a health
 * indicator it is DOWN until the replica has caught up with the topic as it was at start, so a fresh replica does
 * not act on state it has not read yet.
 */
public abstract class CompactedTopicFeed implements SmartLifecycle, HealthIndicator {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String topic;
    private final boolean topicMayBeAbsent;
    private final Map<String, Object> consumerConfig;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param topicMayBeAbsent a topic nobody created yet holds nothing to catch up with: the feed is UP and waits
     *     for it (otherwise it stays DOWN until the topic exists and has been read)
     */
    protected CompactedTopicFeed(String topic, Map<String, Object> kafkaConsumerConfig, boolean topicMayBeAbsent) {
        Map<String, Object> config = new HashMap<>(kafkaConsumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The topic's owner creates it, compacted and with its partitions. Created here first, by a metadata request,
        // it would get the broker's default of one partition, and partitions the owner adds would go unread until
        // the next partition check.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.topic = topic;
        this.topicMayBeAbsent = topicMayBeAbsent;
        this.consumerConfig = config;
    }

    /** One record, in topic order per key; {@code value} is null for a tombstone. */
    protected abstract void apply(String key, byte[] value);

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name(topic + "-feed").start(this::follow);
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
                : Health.down().withDetail("reason", topic + " not yet read up to date").build();
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
                log.warn("The {} feed failed, reconnecting: {}", topic, e.getMessage());
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
                List<TopicPartition> found = kafka.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (!found.equals(partitions) && !found.isEmpty()) {
                    partitions = found;
                    kafka.assign(partitions);
                    kafka.seekToBeginning(partitions);
                    endAtStart = kafka.endOffsets(partitions);
                } else if (found.isEmpty() && topicMayBeAbsent) {
                    caughtUp = true;
                }
                nextPartitionCheck = Instant.now().plus(partitions.isEmpty() ? Duration.ofSeconds(2) : PARTITION_CHECK);
            }
            if (partitions.isEmpty()) {
                sleep(POLL);
                continue;
            }
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                applySafely(record);
            }
            if (!caughtUp) {
                caughtUp = endAtStart.entrySet().stream()
                        .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
            }
        }
    }

    private void applySafely(ConsumerRecord<String, byte[]> record) {
        try {
            apply(record.key(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
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
