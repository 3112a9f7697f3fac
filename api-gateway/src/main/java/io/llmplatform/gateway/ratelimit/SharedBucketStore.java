package io.llmplatform.gateway.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j's buckets in Redis, over a connection of the Lettuce client that Spring Boot configured from
 * {@code spring.data.redis.*} ({@code REDIS_URL}). Bucket4j updates a bucket by compare-and-swap with Lettuce's
 * asynchronous commands, so no thread waits for Redis. Time comes from the gateway's clock: replicas' clocks must
 * agree (NTP), as they do for token expiry anyway.
 */
final class SharedBucketStore {

    private static final String KEY_PREFIX = "platform:gateway:rate-limit:";
    /** How long a full bucket stays in Redis after its last use; a missing bucket is a full one. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofSeconds(10);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Connects to Redis (a blocking call: run it off the event loop) and returns the bucket store over it. */
    static AsyncProxyManager<String> connect(RedisConnectionFactory factory, TimeMeter time) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("The gateway's shared rate limits need Lettuce, not " + factory);
        }
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder = switch (lettuce.getNativeClient()) {
            case RedisClient client -> Bucket4jLettuce.casBasedBuilder(client.connect(CODEC));
            case RedisClusterClient cluster -> Bucket4jLettuce.casBasedBuilder(cluster.connect(CODEC));
            default -> throw new IllegalStateException("Unsupported Redis client " + lettuce.getNativeClient());
        };
        AsyncProxyManager<String> buckets = builder
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        KEEP_FULL_BUCKETS))
                .build()
                .asAsync();
        return buckets.withMapper(key -> KEY_PREFIX + key);
    }

    private SharedBucketStore() {
    }
}
