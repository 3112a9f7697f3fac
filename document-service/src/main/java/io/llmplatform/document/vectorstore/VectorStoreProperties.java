package io.llmplatform.document.vectorstore;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where chunk vectors live ({@code platform.documents.index}): Chroma when {@code chroma.url} ({@code CHROMA_URL})
 * is set, otherwise LangChain4j's in-memory store, saved to {@code inMemoryFile} after every change and read back
 * at start.
 */
@Validated
@ConfigurationProperties("platform.documents.index")
public record VectorStoreProperties(@Valid @NotNull @DefaultValue Chroma chroma, @NotNull Path inMemoryFile) {

    /** Chroma's v2 API: the tenant, database and collection are created when missing. */
    public record Chroma(
            String url,
            @DefaultValue("default_tenant") @NotBlank String tenant,
            @DefaultValue("default_database") @NotBlank String database,
            @DefaultValue("document-chunks") @NotBlank String collection,
            @DefaultValue("5s") Duration timeout) {

        boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
