package io.llmplatform.document.embedding;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import io.llmplatform.document.index.IndexingUnavailableException;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.feign.ActingForUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.springframework.stereotype.Component;

/** Vectors and relevance from embedding-service, in batches, billed to the user the work is for. */
@Component
public class ChunkEmbedder {

    /** Answers that say embedding-service is not there right now, rather than that the request is wrong. */
    private static final Set<ErrorCode> UNAVAILABLE = Set.of(ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.GATEWAY_TIMEOUT, ErrorCode.BAD_GATEWAY, ErrorCode.MODEL_UNAVAILABLE, ErrorCode.MODEL_LOADING,
            ErrorCode.MODEL_TIMEOUT);

    /** Time ingestion workers spend waiting on embedding-service, one sample per batch. */
    static final String WAIT_TIMER = "platform.documents.embedding.wait";

    private final EmbeddingServiceClient embeddings;
    private final EmbeddingProperties properties;
    private final Timer waitedForVectors;
    private final Timer waitedForFailure;

    ChunkEmbedder(EmbeddingServiceClient embeddings, EmbeddingProperties properties, MeterRegistry meters) {
        this.embeddings = embeddings;
        this.properties = properties;
        this.waitedForVectors = waitTimer(meters, "success");
        this.waitedForFailure = waitTimer(meters, "failure");
    }

    private static Timer waitTimer(MeterRegistry meters, String outcome) {
        return Timer.builder(WAIT_TIMER).description("Time ingestion spends waiting on embedding-service per batch")
                .tag("outcome", outcome).publishPercentileHistogram().register(meters);
    }

    /**
     * Embeds {@code texts} for {@code owner} outside any request (the service's token, the owner in the internal
     * headers), {@code batchSize} at a time, telling {@code embedded} how many are done after each batch.
     *
     * @throws IndexingUnavailableException when embedding-service (or auth-service, for the token) cannot answer
     */
    public List<float[]> embedForOwner(UUID owner, UUID apiKeyId, List<String> texts, IntConsumer embedded) {
        try {
            return ActingForUser.call(owner, apiKeyId, () -> embedAll(texts, embedded));
        } catch (PlatformException failed) {
            if (UNAVAILABLE.contains(failed.code())) {
                throw new IndexingUnavailableException("embedding-service cannot embed now: "
                        + failed.getMessage(), failed);
            }
            throw failed;
        }
    }

    /** The query's vector, for the user whose request this is. */
    public float[] embedQuery(String query) {
        return vectors(List.of(query)).getFirst();
    }

    /** The relevance of each text to {@code query}, by the texts' positions, for the user whose request this is. */
    public double[] relevance(String query, List<String> texts) {
        RerankRequest request = RerankRequest.of(properties.rerankModelOrNull(), query, texts);
        RerankResponse ranked = embeddings.rerank(new RerankRequest(request.model(), query, request.documents(),
                null, false));
        double[] scores = new double[texts.size()];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (RerankResponse.Result result : ranked.results()) {
            if (result.index() >= 0 && result.index() < scores.length) {
                scores[result.index()] = result.relevanceScore();
            }
        }
        return scores;
    }

    private List<float[]> embedAll(List<String> texts, IntConsumer embedded) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += properties.batchSize()) {
            vectors.addAll(timedVectors(texts.subList(from, Math.min(texts.size(), from + properties.batchSize()))));
            embedded.accept(vectors.size());
        }
        return vectors;
    }

    /** One batch's vectors, its wait recorded under {@link #WAIT_TIMER} by whether vectors came back. */
    private List<float[]> timedVectors(List<String> batch) {
        long started = System.nanoTime();
        Timer outcome = waitedForFailure;
        try {
            List<float[]> vectors = vectors(batch);
            outcome = waitedForVectors;
            return vectors;
        } finally {
            outcome.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private List<float[]> vectors(List<String> texts) {
        EmbeddingResponse answer = embeddings.embed(EmbeddingRequest.of(properties.modelOrNull(), texts));
        if (answer.data() == null || answer.data().size() != texts.size()) {
            throw new PlatformException(ErrorCode.BAD_GATEWAY, "embedding-service answered "
                    + (answer.data() == null ? 0 : answer.data().size()) + " vectors for " + texts.size() + " texts");
        }
        return answer.data().stream().sorted(Comparator.comparingInt(EmbeddingResponse.Embedding::index))
                .map(EmbeddingResponse.Embedding::vector).toList();
    }
}
