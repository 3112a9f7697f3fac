package io.llmplatform.simulator.fault;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Faults applied to every inference request ({@code /v1/chat/completions}, {@code /v1/completions},
 * {@code /v1/embeddings}); read and replaced at runtime through {@code GET/PUT /admin/faults}.
 *
 * @param errorRate share of requests, 0 to 1, that fail at once with one of {@code errorStatuses}
 * @param errorStatuses the statuses an injected error picks from, uniformly (e.g. 429, 500, 503)
 * @param stallMs extra wait before the first token
 * @param dropAfterChunks close a stream's connection, without {@code [DONE]}, after this many SSE events
 *                        (a non-streaming request's connection is closed without an answer); 0 is off
 * @param notReadyMs from the moment these settings are applied, {@code /health} answers 503 and requests are
 *                   refused with 503 for this long
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultSettings(
        double errorRate, List<Integer> errorStatuses, long stallMs, int dropAfterChunks, long notReadyMs) {

    public static final FaultSettings NONE = new FaultSettings(0, List.of(500), 0, 0, 0);

    public FaultSettings {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1, got " + errorRate);
        }
        errorStatuses = errorStatuses == null || errorStatuses.isEmpty() ? List.of(500) : List.copyOf(errorStatuses);
        for (int status : errorStatuses) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("errorStatuses must be 4xx or 5xx, got " + status);
            }
        }
        if (stallMs < 0 || dropAfterChunks < 0 || notReadyMs < 0) {
            throw new IllegalArgumentException("stallMs, dropAfterChunks and notReadyMs cannot be negative");
        }
    }

    public FaultSettings withErrorRate(double rate, List<Integer> statuses) {
        return new FaultSettings(rate, statuses, stallMs, dropAfterChunks, notReadyMs);
    }

    public FaultSettings withStallMs(long stall) {
        return new FaultSettings(errorRate, errorStatuses, stall, dropAfterChunks, notReadyMs);
    }

    public FaultSettings withDropAfterChunks(int chunks) {
        return new FaultSettings(errorRate, errorStatuses, stallMs, chunks, notReadyMs);
    }

    public FaultSettings withNotReadyMs(long notReady) {
        return new FaultSettings(errorRate, errorStatuses, stallMs, dropAfterChunks, notReady);
    }
}
