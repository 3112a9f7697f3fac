package io.llmplatform.contracts.client;

import io.llmplatform.contracts.openai.ModelList;
import org.springframework.web.bind.annotation.GetMapping;

/** embedding-service's list of the embedding and rerank models it serves, in OpenAI's shape. */
public interface EmbeddingModelsApi {

    @GetMapping("/api/v1/embeddings/models")
    ModelList embeddingModels();
}
