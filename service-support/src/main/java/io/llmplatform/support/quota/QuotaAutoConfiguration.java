package io.llmplatform.support.quota;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quota admission for services that spend tokens ({@code platform.quota.enabled=true}): limits from the quota topic,
 * reservations in Redis when {@code spring.data.redis.url} ({@code REDIS_URL}) is set, else in this process.
 * Contributes the {@code quotaFeed} and {@code quotaStore} health indicators for readiness.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
@ConditionalOnProperty(prefix = "platform.quota", name = "enabled", havingValue = "true")
@ConditionalOnClass(KafkaProperties.class)
@EnableConfigurationProperties(QuotaProperties.class)
public class QuotaAutoConfiguration {

    @Bean
    QuotaLimits quotaLimits(QuotaProperties properties) {
        return new QuotaLimits(properties.defaultMonthlyTokenLimit());
    }

    @Bean("quotaFeedHealthIndicator")
    QuotaStateFeed quotaStateFeed(KafkaProperties kafka, QuotaLimits limits, JsonMapper json) {
        return new QuotaStateFeed(kafka.buildConsumerProperties(), limits, json);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StringRedisTemplate.class)
    @Conditional(RedisUrlConfigured.class)
    static class RedisStore {

        @Bean
        QuotaAdmission redisQuotaAdmission(StringRedisTemplate redis, QuotaLimits limits,
                QuotaProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters) {
            return counted(new RedisQuotaAdmission(redis, limits, properties.reservationTtl(), clock), meters);
        }

        @Bean("quotaStoreHealthIndicator")
        QuotaStoreHealthIndicator redisQuotaStoreHealth(StringRedisTemplate redis) {
            return new QuotaStoreHealthIndicator(redis);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    QuotaAdmission inMemoryQuotaAdmission(QuotaLimits limits, QuotaProperties properties, Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        LoggerFactory.getLogger(QuotaAutoConfiguration.class).warn("Quota reservations are held in this process "
                + "only: set REDIS_URL wherever more than one process spends tokens");
        return counted(new InMemoryQuotaAdmission(limits, properties.reservationTtl(), clock), meters);
    }

    private static QuotaAdmission counted(QuotaAdmission admission, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        return registry == null ? admission : new RejectionCountingQuotaAdmission(admission, registry);
    }

    @Bean("quotaStoreHealthIndicator")
    @ConditionalOnMissingBean(name = "quotaStoreHealthIndicator")
    QuotaStoreHealthIndicator inProcessQuotaStoreHealth() {
        return new QuotaStoreHealthIndicator(null);
    }

    /** Redis is used only when its URL is given: a local run without Redis must not try localhost:6379. */
    static final class RedisUrlConfigured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean configured = StringUtils.hasText(context.getEnvironment().getProperty("spring.data.redis.url"));
            return configured ? ConditionOutcome.match("spring.data.redis.url is set")
                    : ConditionOutcome.noMatch("spring.data.redis.url is not set");
        }
    }
}
