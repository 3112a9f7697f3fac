package io.llmplatform.document.search;

import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.document.index.ChunkIndex;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/documents/search}, the path, body and answer of shared-contracts' {@code DocumentSearchApi}
 * (which chat-service calls): the caller's own chunks only. Not declared as implementing the interface, whose method
 * has no room for the {@link Caller}.
 */
@RestController
class DocumentSearchController {

    private final ChunkIndex index;

    DocumentSearchController(ChunkIndex index) {
        this.index = index;
    }

    @PostMapping(path = "/api/v1/documents/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    DocumentSearchResponse search(@Valid @RequestBody DocumentSearchRequest request, Caller caller) {
        return index.search(caller.userId(), caller.apiKeyId(), request);
    }
}
