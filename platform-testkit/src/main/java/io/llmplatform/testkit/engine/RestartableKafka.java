package io.llmplatform.testkit.engine;

import io.llmplatform.launcher.engine.KraftBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker of a test's own, which the test can stop and start again on the same address with the same data:
 * for proving that an outage delays messages without losing them. Not shared, unlike {@link KafkaEngine}; close it
 * when done.
 */
public abstract class RestartableKafka implements AutoCloseable {

    public static RestartableKafka start(EngineMode mode) {
        RestartableKafka kafka = mode == EngineMode.DOCKER ? new Container() : new Embedded();
        kafka.start();
        return kafka;
    }

    /** The same for the broker's whole life, across restarts. */
    public abstract String bootstrapServers();

    public abstract void start();

    public abstract void stop();

    @Override
    public void close() {
        stop();
    }

    /** Creates topics on the running broker, so a restarted (empty) broker can be prepared like the first. */
    public void createTopics(List<String> topics) {
        KafkaTopics.create(bootstrapServers(), topics);
    }

    /** Kafka's own KRaft server in this JVM: it keeps its data directory, so a restart keeps the topics. */
    private static final class Embedded extends RestartableKafka {
        private final KraftBroker broker;

        Embedded() {
            try {
                broker = new KraftBroker(FreePorts.next(), FreePorts.next(),
                        Files.createTempDirectory("restartable-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public void start() {
            broker.start();
        }

        @Override
        public void stop() {
            broker.stop();
        }
    }

    private static final class Container extends RestartableKafka {
        private final int port = FreePorts.next();
        private KafkaContainer kafka;

        @Override
        public String bootstrapServers() {
            return "localhost:" + port;
        }

        @Override
        public synchronized void start() {
            kafka = new KafkaContainer(EngineVersions.get("kafka.image"));
            kafka.setPortBindings(List.of(port + ":9092"));
            kafka.start();
        }

        @Override
        public synchronized void stop() {
            if (kafka != null) {
                kafka.stop();
                kafka = null;
            }
        }
    }
}
