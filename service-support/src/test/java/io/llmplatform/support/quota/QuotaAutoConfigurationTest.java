package io.llmplatform.support.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.config.ClockAutoConfiguration;
import io.llmplatform.testkit.TestEngines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
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

    @Test
    void callsRefusedOverQuotaAreCountedForTheAlert() {
        context.withPropertyValues("platform.quota.enabled=true", "platform.quota.default-monthly-token-limit=10")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(app -> {
                    QuotaAdmission quota = app.getBean(QuotaAdmission.class);
                    assertThatThrownBy(() -> quota.reserve(UUID.randomUUID(), "call-1", 11))
                            .isInstanceOfSatisfying(PlatformException.class, refused ->
                                    assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
                    quota.reserve(UUID.randomUUID(), "call-2", 5);
                    assertThat(app.getBean(MeterRegistry.class).counter("platform.quota.rejections").count())
                            .isEqualTo(1);
                });
    }
}
