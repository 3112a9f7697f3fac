package io.llmplatform.document.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How searches rank ({@code platform.documents.search}).
 *
 * @param candidates how many chunks each ranking (vector, keyword) contributes to fusion and to reranking, at least
 *     the request's {@code topK}
 * @param fusionK reciprocal-rank fusion's constant: a chunk's fused score is the sum of {@code 1 / (k + rank)} over
 *     the rankings that found it
 */
@Validated
@ConfigurationProperties("platform.documents.search")
public record SearchProperties(
        @DefaultValue("40") @Min(1) @Max(500) int candidates,
        @DefaultValue("60") @Min(1) int fusionK) {
}
