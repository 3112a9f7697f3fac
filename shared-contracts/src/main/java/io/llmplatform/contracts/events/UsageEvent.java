package io.llmplatform.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * One model call, as published on {@link Topics#USAGE} keyed by {@code userId}. {@code eventId} is unique per call
 * and makes consumption idempotent. {@code apiKeyId} is null for calls made with a user's JWT;
 * {@code timeToFirstTokenMs} is null for calls that do not stream.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageEvent(
        UUID eventId,
        Instant occurredAt,
        String service,
        String requestId,
        UUID userId,
        UUID apiKeyId,
        String model,
        int promptTokens,
        int completionTokens,
        long latencyMs,
        Long timeToFirstTokenMs,
        UsageStatus status) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
