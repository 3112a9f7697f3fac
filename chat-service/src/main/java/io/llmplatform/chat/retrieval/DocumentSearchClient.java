package io.llmplatform.chat.retrieval;

import io.llmplatform.contracts.client.DocumentSearchApi;
import org.springframework.cloud.openfeign.FeignClient;

/**
 * document-service's search, with the user's own token (service-support's default {@code forward-user} credentials),
 * so document-service finds only that user's chunks. Timeouts are {@code spring.cloud.openfeign.client.config.
 * document-service.*}; the search is a POST, so it is not retried.
 */
@FeignClient(name = "document-service", url = "${platform.chat.retrieval.document-service-url}")
interface DocumentSearchClient extends DocumentSearchApi {
}
