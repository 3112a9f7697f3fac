package io.llmplatform.document.parsing;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on turning one file into text.
 *
 * @param timeout how long parsing one file may take before its document fails
 * @param maxCharacters the most characters of text a document may have; more fails it (a zip bomb's text, a
 *     generated file), rather than storing part of it
 * @param maxExpandedEntrySize the largest a single entry of a DOCX (a zip) may inflate to
 * @param minInflateRatio the smallest compressed-to-inflated ratio a DOCX entry may have (POI's zip-bomb guard)
 */
@ConfigurationProperties("platform.documents.ingestion.parsing")
@Validated
public record ParsingProperties(
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("5000000") @Min(1) int maxCharacters,
        @DefaultValue("200MB") DataSize maxExpandedEntrySize,
        @DefaultValue("0.01") double minInflateRatio) {
}
