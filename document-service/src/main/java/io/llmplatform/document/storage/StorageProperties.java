package io.llmplatform.document.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where original files are kept.
 *
 * @param directory the filesystem store's directory ({@code DOCUMENT_STORAGE_DIRECTORY}); every replica that
 *     serves the same database must see the same one (a shared volume)
 */
@ConfigurationProperties("platform.documents.storage")
@Validated
public record StorageProperties(@NotNull Path directory) {
}
