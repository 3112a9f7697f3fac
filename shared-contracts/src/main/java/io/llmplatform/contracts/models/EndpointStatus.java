package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmplatform.contracts.events.ModelState;
import java.time.Instant;

/**
 * {@code GET /api/v1/models/status}, per pool endpoint: what it serves, and what its {@code /health} and
 * {@code /metrics} said at the last poll. Counters are null until the endpoint has answered once.
 *
 * @param up the endpoint answered at all
 * @param ready its {@code /health} answered 200
 * @param kvCacheUsage the share of the KV cache in use, 0 to 1
 * @param generationTokensPerSecond tokens generated per second between the last two polls
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointStatus(
        String pool,
        String baseUrl,
        String servedModelName,
        ModelState state,
        boolean up,
        boolean ready,
        Integer runningRequests,
        Integer waitingRequests,
        Double kvCacheUsage,
        Double generationTokensPerSecond,
        Instant polledAt,
        String error) {
}
