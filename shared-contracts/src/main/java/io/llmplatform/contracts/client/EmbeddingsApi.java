package io.llmplatform.contracts.client;

import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * embedding-service's OpenAI-compatible embeddings and rerank, for platform services (document-service's index and
 * search). Billed to the user the call acts for.
 */
public interface EmbeddingsApi {

    @PostMapping(path = "/v1/embeddings", consumes = "application/json")
    EmbeddingResponse embed(@RequestBody EmbeddingRequest request);

    @PostMapping(path = "/v1/rerank", consumes = "application/json")
    RerankResponse rerank(@RequestBody RerankRequest request);
}
