package io.llmplatform.embedding.rerank;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.embedding.model.EmbeddingModels;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rerank models served: the remote cross-encoders configured, and, for every embedding model, ranking by its
 * embeddings' similarity, asked for by the embedding model's name or by {@code <name> (embedding similarity)}. A
 * request naming none gets the first remote cross-encoder, or else the similarity of the default embedding model.
 */
public final class RerankModels {

    private final Map<String, Reranker> byName = new LinkedHashMap<>();
    private final Reranker defaultReranker;

    public RerankModels(List<Reranker> remote, EmbeddingModels embeddings) {
        remote.forEach(reranker -> byName.put(reranker.name(), reranker));
        for (ServedEmbeddingModel model : embeddings.all()) {
            SimilarityReranker similarity = new SimilarityReranker(model);
            byName.putIfAbsent(similarity.name(), similarity);
            byName.putIfAbsent(model.name(), similarity);
        }
        this.defaultReranker = remote.isEmpty() ? byName.get(embeddings.defaultModel().name()) : remote.getFirst();
    }

    public Reranker resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultReranker;
        }
        Reranker reranker = byName.get(requested);
        if (reranker == null) {
            throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + requested + "' does not exist; "
                    + "rerank models served here: " + String.join(", ", names()), "model");
        }
        return reranker;
    }

    /** Each reranker once, under its own name. */
    public List<Reranker> all() {
        return byName.values().stream().distinct().toList();
    }

    private List<String> names() {
        return new ArrayList<>(all().stream().map(Reranker::name).toList());
    }
}
