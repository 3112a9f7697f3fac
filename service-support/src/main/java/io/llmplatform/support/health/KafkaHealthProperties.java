package io.llmplatform.support.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param timeout how long a health check waits for the broker before reporting it down */
@ConfigurationProperties("platform.health.kafka")
public record KafkaHealthProperties(@DefaultValue("3s") Duration timeout) {
}
