package io.llmplatform.testkit.engine;

import java.util.List;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/** A single-node Kafka cluster in KRaft mode. */
public abstract class KafkaEngine implements AutoCloseable {

    public static KafkaEngine start(EngineMode mode) {
        return mode == EngineMode.DOCKER ? new Container() : new Embedded();
    }

    public abstract String bootstrapServers();

    /** Creates topics (3 partitions) unless they exist. */
    public void createTopics(String... topics) {
        KafkaTopics.create(bootstrapServers(), List.of(topics));
    }

    /** spring-kafka-test's in-JVM KRaft broker. */
    private static final class Embedded extends KafkaEngine {
        private final EmbeddedKafkaKraftBroker broker;

        Embedded() {
            broker = new EmbeddedKafkaKraftBroker(1, 1).kafkaPorts(FreePorts.next());
            broker.brokerProperties(Map.of(
                    "auto.create.topics.enable", "true",
                    "group.initial.rebalance.delay.ms", "0",
                    "offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1"));
            broker.afterPropertiesSet();
        }

        @Override
        public String bootstrapServers() {
            return broker.getBrokersAsString();
        }

        @Override
        public void close() {
            broker.destroy();
        }
    }

    private static final class Container extends KafkaEngine {
        private final KafkaContainer kafka;

        Container() {
            kafka = new KafkaContainer(EngineVersions.get("kafka.image"));
            kafka.start();
        }

        @Override
        public String bootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        public void close() {
            kafka.stop();
        }
    }
}
