package io.llmplatform.embedding.embeddings;

import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.embedding.inprocess.InProcessEmbeddingModel;
import io.llmplatform.embedding.model.EmbeddingModels;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.rerank.RerankModels;
import io.llmplatform.embedding.rerank.Reranker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The model cards of everything served here now: each embedding model ({@code max_model_len}: the in-process model's
 * tokens per input), then each reranker, announced pools among them while they are ready. {@code owned_by} says
 * where it runs: {@code in-process} or the remote server's address.
 */
@Component
class ModelCards {

    private final EmbeddingModels embeddings;
    private final RerankModels rerankers;
    private final long created;

    ModelCards(EmbeddingModels embeddings, RerankModels rerankers, Clock clock) {
        this.embeddings = embeddings;
        this.rerankers = rerankers;
        this.created = clock.instant().getEpochSecond();
    }

    ModelList list() {
        List<ModelList.Model> cards = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (ServedEmbeddingModel model : embeddings.all()) {
            Integer maxLength = model instanceof InProcessEmbeddingModel local ? local.maxInputTokens() : null;
            listed.add(model.name());
            cards.add(new ModelList.Model(model.name(), "model", created, model.servedBy(), model.name(), null,
                    maxLength, null));
        }
        for (Reranker reranker : rerankers.all()) {
            if (listed.add(reranker.name())) {
                cards.add(new ModelList.Model(reranker.name(), "model", created, reranker.servedBy(),
                        reranker.name(), null, null, null));
            }
        }
        return ModelList.of(cards);
    }
}
