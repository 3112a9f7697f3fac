package io.llmplatform.embedding.rerank;

import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import io.llmplatform.embedding.usage.CallOrigin;
import io.llmplatform.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rerank in the shape vLLM, Cohere and Jina share: at {@code /v1/rerank} with OpenAI-shaped errors, and at
 * {@code /api/v1/rerank} for UI apps, with problem+json errors.
 */
@RestController
class RerankController {

    private final RerankService rerank;

    RerankController(RerankService rerank) {
        this.rerank = rerank;
    }

    @PostMapping(path = {"/v1/rerank", "/api/v1/rerank"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    RerankResponse rerank(@RequestBody RerankRequest body, Caller caller, HttpServletRequest request) {
        return rerank.rerank(body, CallOrigin.of(caller, request));
    }
}
