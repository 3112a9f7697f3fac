package io.llmplatform.document.ingestion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How documents are ingested.
 *
 * @param workers how many documents this replica ingests at once (0: it only serves the API)
 * @param lease how long a claimed job is a worker's before another may take it; renewed at every step
 * @param pollInterval how often an idle worker looks for jobs (uploads to this replica wake it at once)
 * @param maxAttempts how many times a document is tried before it fails
 * @param initialBackoff the wait before the second attempt; each further one doubles it
 * @param maxBackoff the longest wait between attempts
 */
@ConfigurationProperties("platform.documents.ingestion")
@Validated
public record IngestionProperties(
        @DefaultValue("2") @Min(0) @Max(64) int workers,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff) {

    /** The wait after the {@code attempt}-th attempt failed: {@code initialBackoff * 2^(attempt-1)}, capped. */
    public Duration backoffAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initialBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
