package io.llmplatform.testkit;

import io.llmplatform.testkit.engine.ChromaEngine;
import io.llmplatform.testkit.engine.EngineMode;
import io.llmplatform.testkit.engine.KafkaEngine;
import io.llmplatform.testkit.engine.PostgresEngine;
import io.llmplatform.testkit.engine.RedisEngine;
import io.llmplatform.testkit.engine.S3Engine;
import io.llmplatform.testkit.tokens.TestTokenIssuer;
import java.util.function.Supplier;

/**
 * One engine of each kind per test JVM, started on first use on free ports and stopped when the JVM exits.
 * Testcontainers is used when a Docker engine answers; otherwise embedded PostgreSQL (zonky), an embedded KRaft
 * Kafka broker, the {@code chroma} CLI, {@code redis-server} and {@code moto_server}. {@code TEST_ENGINES=docker|local} forces a mode.
 */
public final class TestEngines {

    private static final Shared<PostgresEngine> POSTGRES = new Shared<>(() -> PostgresEngine.start(EngineMode.current()));
    private static final Shared<KafkaEngine> KAFKA = new Shared<>(() -> KafkaEngine.start(EngineMode.current()));
    private static final Shared<ChromaEngine> CHROMA = new Shared<>(() -> ChromaEngine.start(EngineMode.current()));
    private static final Shared<RedisEngine> REDIS = new Shared<>(() -> RedisEngine.start(EngineMode.current()));
    private static final Shared<S3Engine> S3 = new Shared<>(() -> S3Engine.start(EngineMode.current()));
    private static final Shared<TestTokenIssuer> TOKEN_ISSUER = new Shared<>(TestTokenIssuer::start);

    public static PostgresEngine postgres() {
        return POSTGRES.get();
    }

    public static KafkaEngine kafka() {
        return KAFKA.get();
    }

    public static ChromaEngine chroma() {
        return CHROMA.get();
    }

    public static RedisEngine redis() {
        return REDIS.get();
    }

    /** An S3-compatible server (moto): its image, or {@code moto_server} from PyPI's {@code moto[server]}. */
    public static S3Engine s3() {
        return S3.get();
    }

    public static TestTokenIssuer tokenIssuer() {
        return TOKEN_ISSUER.get();
    }

    /** Starts its engine once, on first use, and stops it when the JVM exits. */
    private static final class Shared<T extends AutoCloseable> {
        private final Supplier<T> starter;
        private T engine;

        Shared(Supplier<T> starter) {
            this.starter = starter;
        }

        synchronized T get() {
            if (engine == null) {
                T started = starter.get();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started)));
                engine = started;
            }
            return engine;
        }

        private static void closeQuietly(AutoCloseable engine) {
            try {
                engine.close();
            } catch (Exception e) {
                System.err.println("could not stop test engine " + engine + ": " + e);
            }
        }
    }

    private TestEngines() {
    }
}
