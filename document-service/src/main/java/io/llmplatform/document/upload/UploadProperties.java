package io.llmplatform.document.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one upload. Spring's multipart limits ({@code spring.servlet.multipart.*}) are set from
 * {@code maxFileSize} in {@code application.yml}, so a larger file is refused while it streams in.
 *
 * @param maxFileSize the largest file accepted ({@code DOCUMENT_MAX_FILE_SIZE}); larger is 413
 * @param maxMetadataSize the largest {@code metadata} JSON object accepted
 */
@ConfigurationProperties("platform.documents.upload")
public record UploadProperties(
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("16KB") DataSize maxMetadataSize) {
}
