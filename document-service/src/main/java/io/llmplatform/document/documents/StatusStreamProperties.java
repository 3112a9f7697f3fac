package io.llmplatform.document.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The status stream reads the persisted progress, so it follows ingestion on any replica.
 *
 * @param pollInterval how often a stream reads the document's progress
 * @param timeout how long a stream stays open before it ends even though ingestion has not
 */
@ConfigurationProperties("platform.documents.ingestion.status-stream")
public record StatusStreamProperties(
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("30m") Duration timeout) {
}
