package io.llmplatform.document.embedding;

import io.llmplatform.contracts.client.EmbeddingsApi;
import org.springframework.cloud.openfeign.FeignClient;

/**
 * embedding-service, with the {@code service-for-user} credentials: an ingestion worker's calls carry
 * document-service's token and the document's owner; calls inside a user's search carry that user's token.
 */
@FeignClient(name = "embedding-service", url = "${platform.documents.embedding.url}")
interface EmbeddingServiceClient extends EmbeddingsApi {
}
