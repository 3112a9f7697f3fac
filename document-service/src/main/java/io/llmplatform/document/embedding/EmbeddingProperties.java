package io.llmplatform.document.embedding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How document-service reaches embedding-service ({@code platform.documents.embedding}).
 *
 * @param url embedding-service's base URL ({@code EMBEDDING_SERVICE_URL})
 * @param model the embedding model chunks and queries are embedded with; blank: embedding-service's default. Every
 *     vector of an index must come from one model: changing it means re-ingesting the documents.
 * @param rerankModel the model {@code rerank: true} orders by; blank: embedding-service's default
 * @param batchSize chunks per embedding call
 */
@Validated
@ConfigurationProperties("platform.documents.embedding")
public record EmbeddingProperties(
        @NotBlank String url,
        String model,
        String rerankModel,
        @DefaultValue("32") @Min(1) @Max(2048) int batchSize) {

    String modelOrNull() {
        return model == null || model.isBlank() ? null : model;
    }

    String rerankModelOrNull() {
        return rerankModel == null || rerankModel.isBlank() ? null : rerankModel;
    }
}
