package io.llmplatform.embedding.rerank;

import io.llmplatform.embedding.model.ModelInput;
import io.llmplatform.embedding.model.PreparedInputs;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.model.VectorMath;
import io.llmplatform.embedding.model.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Rerank without a cross-encoder: the query and each document are embedded by an embedding model (through its
 * cache and batching), and a document's score is the cosine similarity of its vector to the query's (-1 to 1). The
 * answer names the model as {@code <embedding model> (embedding similarity)}, so nobody mistakes it for a
 * cross-encoder's relevance.
 */
public final class SimilarityReranker implements Reranker {

    public static final String SUFFIX = " (embedding similarity)";

    private final ServedEmbeddingModel model;

    public SimilarityReranker(ServedEmbeddingModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.name() + SUFFIX;
    }

    @Override
    public String servedBy() {
        return model.servedBy();
    }

    @Override
    public Ranking prepare(String query, List<String> documents) {
        List<ModelInput> inputs = new ArrayList<>(documents.size() + 1);
        inputs.add(new ModelInput.Text(query));
        documents.forEach(document -> inputs.add(new ModelInput.Text(document)));
        PreparedInputs prepared = model.prepare(inputs);
        return new Ranking() {
            @Override
            public long tokensAtMost() {
                return prepared.tokens();
            }

            @Override
            public Scores run() {
                Vectors vectors = model.embed(prepared);
                float[] queryVector = vectors.vectors().getFirst();
                double[] scores = new double[documents.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = VectorMath.cosine(queryVector, vectors.vectors().get(i + 1));
                }
                return new Scores(name(), scores, vectors.promptTokens());
            }
        };
    }
}
