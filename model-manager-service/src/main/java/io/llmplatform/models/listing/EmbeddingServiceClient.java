package io.llmplatform.models.listing;

import io.llmplatform.contracts.client.EmbeddingModelsApi;
import org.springframework.cloud.openfeign.FeignClient;

/** embedding-service's embedding and rerank models, called with the user's token. */
@FeignClient(name = "embedding-service", url = "${platform.models.embedding-service-url}")
interface EmbeddingServiceClient extends EmbeddingModelsApi {
}
