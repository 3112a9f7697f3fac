package io.llmplatform.support.quota;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether this service spends tokens and enforces quotas
 * @param reservationTtl how long a reservation holds tokens if its caller never settles (longer than any call)
 * @param defaultMonthlyTokenLimit the limit of a user auth-service has not yet published a state for
 */
@ConfigurationProperties("platform.quota")
public record QuotaProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("10m") Duration reservationTtl,
        @DefaultValue("1000000") long defaultMonthlyTokenLimit) {
}
