package io.llmplatform.support.servlet;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of every listing's {@code page} (from 0) and {@code size} query parameters. Together they keep the row
 * offset, {@code page * size}, well inside what JDBC and Spring Data accept (an {@code int}).
 *
 * @param maxPage the highest page number a listing accepts
 * @param maxSize the most items a page may hold
 */
@ConfigurationProperties("platform.paging")
@Validated
public record PagingProperties(
        @DefaultValue("1000000") @Min(0) @Max(10_000_000) int maxPage,
        @DefaultValue("100") @Min(1) @Max(200) int maxSize) {
}
