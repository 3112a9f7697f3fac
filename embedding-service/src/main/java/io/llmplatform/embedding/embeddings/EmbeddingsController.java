package io.llmplatform.embedding.embeddings;

import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.embedding.usage.CallOrigin;
import io.llmplatform.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's embeddings endpoint, errors in OpenAI's shape; and the list of the models this service serves, for
 * model-manager-service's {@code /v1/models}.
 */
@RestController
class EmbeddingsController {

    private final EmbeddingService embeddings;
    private final ModelCards cards;

    EmbeddingsController(EmbeddingService embeddings, ModelCards cards) {
        this.embeddings = embeddings;
        this.cards = cards;
    }

    @PostMapping(path = "/v1/embeddings", consumes = MediaType.APPLICATION_JSON_VALUE)
    EmbeddingResponse embed(@RequestBody EmbeddingRequest body, Caller caller, HttpServletRequest request) {
        return embeddings.embed(body, CallOrigin.of(caller, request));
    }

    /** Every embedding and rerank model served here, in OpenAI's model-list shape. */
    @GetMapping("/api/v1/embeddings/models")
    ModelList models() {
        return cards.list();
    }
}
