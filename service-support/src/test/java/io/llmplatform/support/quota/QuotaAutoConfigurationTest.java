package io.llmplatform.support.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.support.config.ClockAutoConfiguration;
import io.llmplatform.testkit.TestEngines;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class QuotaAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuotaAutoConfiguration.class, ClockAutoConfiguration.class,
                    KafkaAutoConfiguration.class, DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class));

    @Test
    void servicesThatSpendNoTokensGetNoAdmission() {
        context.run(app -> assertThat(app).doesNotHaveBean(QuotaAdmission.class));
    }

    @Test
    void withoutARedisUrlReservationsStayInProcess() {
        context.withPropertyValues("platform.quota.enabled=true")
                .run(app -> {
                    assertThat(app).getBean(QuotaAdmission.class).isInstanceOf(InMemoryQuotaAdmission.class);
                    assertThat(app.getBean("quotaStoreHealthIndicator", QuotaStoreHealthIndicator.class).health()
                            .getDetails()).containsEntry("store", "in-process");
                });
    }

    @Test
    void withARedisUrlReservationsAreSharedThroughRedis() {
        context.withPropertyValues("platform.quota.enabled=true", "spring.data.redis.url=" + TestEngines.redis().url())
                .run(app -> {
                    assertThat(app).getBean(QuotaAdmission.class).isInstanceOf(RedisQuotaAdmission.class);
                    assertThat(app.getBean("quotaStoreHealthIndicator", QuotaStoreHealthIndicator.class).health()
                            .getStatus().getCode()).isEqualTo("UP");
                });
    }
}
