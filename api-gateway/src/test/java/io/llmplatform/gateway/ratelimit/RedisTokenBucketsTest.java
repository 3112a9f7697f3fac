package io.llmplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The same buckets against a real Redis, where every gateway replica shares them. */
class RedisTokenBucketsTest extends TokenBucketsContract {

    private static final TimeMeter TIME = new ClockTimeMeter(Clock.systemUTC());
    private static LettuceConnectionFactory replicaA;
    private static LettuceConnectionFactory replicaB;
    private static LettuceConnectionFactory nowhere;
    private static TokenBuckets sharedByA;

    @BeforeAll
    static void connect() {
        var redis = TestEngines.redis();
        replicaA = connection(redis.host(), redis.port());
        replicaB = connection(redis.host(), redis.port());
        nowhere = connection("127.0.0.1", FreePorts.next());
        sharedByA = shared(replicaA);
    }

    @AfterAll
    static void disconnect() {
        replicaA.destroy();
        replicaB.destroy();
        nowhere.destroy();
    }

    @Override
    TokenBuckets buckets() {
        return sharedByA;
    }

    @Test
    void twoReplicasDrawFromTheSameBucket() {
        String key = UUID.randomUUID().toString();
        TokenBuckets b = shared(replicaB);
        for (int i = 0; i < 5; i++) {
            assertThat(sharedByA.tryConsume(key, TEN_PER_MINUTE).block().isConsumed()).isTrue();
            assertThat(b.tryConsume(key, TEN_PER_MINUTE).block().isConsumed()).isTrue();
        }

        assertThat(sharedByA.tryConsume(key, TEN_PER_MINUTE).block().isConsumed()).isFalse();
        assertThat(b.tryConsume(key, TEN_PER_MINUTE).block().isConsumed()).isFalse();
    }

    @Test
    void withoutRedisAReplicaStillLimitsOnItsOwn() {
        TokenBuckets unreachable = shared(nowhere);
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 10; i++) {
            assertThat(unreachable.tryConsume(key, TEN_PER_MINUTE).block().isConsumed()).isTrue();
        }

        assertThat(unreachable.tryConsume(key, TEN_PER_MINUTE).block().isConsumed()).isFalse();
    }

    private static TokenBuckets shared(LettuceConnectionFactory connection) {
        return new RedisTokenBuckets(() -> SharedBucketStore.connect(connection, TIME),
                new LocalTokenBuckets(TIME, Duration.ofMinutes(1), 1_000), Duration.ofSeconds(2),
                Duration.ofSeconds(5), new SimpleMeterRegistry());
    }

    private static LettuceConnectionFactory connection(String host, int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
