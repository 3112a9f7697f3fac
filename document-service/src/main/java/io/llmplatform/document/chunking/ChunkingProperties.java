package io.llmplatform.document.chunking;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Chunk sizes, in {@link ApproximateTokenCount} tokens.
 *
 * @param maxTokens the most a chunk holds (the default fits all-MiniLM-L6-v2's 256 word pieces)
 * @param overlapTokens how much of the previous chunk's end a chunk repeats, so no sentence loses its context
 */
@ConfigurationProperties("platform.documents.ingestion.chunking")
@Validated
public record ChunkingProperties(
        @DefaultValue("200") @Min(16) int maxTokens,
        @DefaultValue("30") @Min(0) int overlapTokens) {

    @AssertTrue(message = "overlap-tokens must be less than max-tokens")
    boolean isOverlapSmallerThanChunk() {
        return overlapTokens < maxTokens;
    }
}
