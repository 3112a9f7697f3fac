package io.llmplatform.contracts.client;

import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * document-service's search over the caller's own chunks, for chat-service's retrieval. The caller is the user the
 * call acts for (their forwarded token, or a service token with the internal user headers): isolation by owner
 * holds here as it does for the user's own calls.
 */
public interface DocumentSearchApi {

    @PostMapping("/api/v1/documents/search")
    DocumentSearchResponse search(@RequestBody DocumentSearchRequest request);
}
