package io.llmplatform.gateway.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.ClientOptions;
import io.llmplatform.gateway.edge.ClientAddresses;
import io.llmplatform.gateway.routing.RoutingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.StringUtils;

/**
 * Rate limit buckets in this process by default; in Redis, shared by every replica, when {@code REDIS_URL}
 * ({@code spring.data.redis.url}) is set. Without it no request touches Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitStoreProperties.class)
class RateLimitConfiguration {

    @Bean
    RateLimiting rateLimiting(RoutingProperties routing, RateLimitStoreProperties store, Clock clock,
            ObjectProvider<RedisConnectionFactory> redis, ClientAddresses clientAddresses, MeterRegistry meters,
            Environment environment) {
        TimeMeter time = new ClockTimeMeter(clock);
        TokenBuckets local = new LocalTokenBuckets(time, longestPeriod(routing), store.maxLocalBuckets());
        if (!redisConfigured(environment)) {
            return new RateLimiting(local, clientAddresses, meters);
        }
        LoggerFactory.getLogger(RateLimitConfiguration.class).info("Rate limits are shared through Redis");
        RedisConnectionFactory connections = redis.getObject();
        TokenBuckets shared = new RedisTokenBuckets(() -> SharedBucketStore.connect(connections, time), local,
                store.redisTimeout(), store.redisReconnectPause(), meters).connectInBackground();
        return new RateLimiting(shared, clientAddresses, meters);
    }

    @Bean
    RateLimiterStoreHealthIndicator rateLimiterStoreHealthIndicator(
            ObjectProvider<ReactiveStringRedisTemplate> redis, Environment environment) {
        return new RateLimiterStoreHealthIndicator(redisConfigured(environment) ? redis.getObject() : null);
    }

    /** While Redis is unreachable, commands fail at once (and the replica decides alone) instead of queueing. */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectRedisCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    private static boolean redisConfigured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
    }

    private static Duration longestPeriod(RoutingProperties routing) {
        return routing.routeClasses().values().stream()
                .map(routeClass -> routeClass.rateLimit().period())
                .max(Duration::compareTo)
                .orElse(Duration.ofMinutes(1));
    }
}
