package io.llmplatform.support.upstream;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How calls to model servers protect the caller, as part of a service's configuration properties.
 *
 * @param connectRetries retries when the model server cannot be reached, before anything was sent
 * @param failureRateThreshold percentage of failed calls that opens an endpoint's circuit
 * @param slidingWindowCalls how many recent calls that percentage is taken over
 * @param openFor how long an open circuit answers 503 before it tries the endpoint again
 */
public record ModelServerResilience(
        @DefaultValue("1") @Min(0) int connectRetries,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") @Min(2) int slidingWindowCalls,
        @DefaultValue("10s") Duration openFor) {
}
