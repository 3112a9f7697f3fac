package io.llmplatform.embedding.rerank;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.embedding.model.EmbeddingModels;
import io.llmplatform.embedding.routing.RemoteRoutes;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rerank models served: remote cross-encoders (configured, or announced rerank pools, as model-manager routes
 * them), and, for every embedding model, ranking by its embeddings' similarity, asked for by the embedding model's
 * name or by {@code <name> (embedding similarity)}. A request naming none gets the first remote cross-encoder, or
 * else the similarity of the default embedding model.
 */
public final class RerankModels {

    private final RemoteRoutes<Reranker> remote;
    private final EmbeddingModels embeddings;

    public RerankModels(RemoteRoutes<Reranker> remote, EmbeddingModels embeddings) {
        this.remote = remote;
        this.embeddings = embeddings;
    }

    /**
     * @throws PlatformException 404 {@code model_not_found} for a name nothing serves; 503 while its pool switches
     */
    public Reranker resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return remote.first().flatMap(remote::resolve)
                    .orElseGet(() -> new SimilarityReranker(embeddings.defaultModel()));
        }
        Optional<Reranker> crossEncoder = remote.resolve(requested);
        if (crossEncoder.isPresent()) {
            return crossEncoder.get();
        }
        String embeddingModel = requested.endsWith(SimilarityReranker.SUFFIX)
                ? requested.substring(0, requested.length() - SimilarityReranker.SUFFIX.length()) : requested;
        return embeddings.find(embeddingModel).<Reranker>map(SimilarityReranker::new).orElseThrow(() ->
                new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + requested + "' does not exist; "
                        + "rerank models served here: " + String.join(", ", all().stream().map(Reranker::name)
                        .toList()), "model"));
    }

    /** Every reranker that can serve now, each under its own name: cross-encoders first. */
    public List<Reranker> all() {
        List<Reranker> rerankers = new ArrayList<>(remote.available());
        embeddings.all().forEach(model -> rerankers.add(new SimilarityReranker(model)));
        return rerankers;
    }
}
