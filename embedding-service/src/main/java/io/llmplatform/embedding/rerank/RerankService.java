package io.llmplatform.embedding.rerank;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.embedding.config.EmbeddingProperties;
import io.llmplatform.embedding.usage.CallOrigin;
import io.llmplatform.embedding.usage.EmbeddingUsage;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/rerank}: check the request, admit it against the user's quota, score every document, bill, and
 * answer the best {@code top_n} (all when absent or 0) best first, with their text unless
 * {@code return_documents} is false.
 */
@Service
class RerankService {

    private static final String OPERATION = "rerank";

    private final RerankModels models;
    private final EmbeddingUsage usage;
    private final int maxDocuments;

    RerankService(RerankModels models, EmbeddingUsage usage, EmbeddingProperties properties) {
        this.models = models;
        this.usage = usage;
        this.maxDocuments = properties.maxDocuments();
    }

    RerankResponse rerank(RerankRequest request, CallOrigin origin) {
        Reranker reranker = models.resolve(request.model());
        if (request.query() == null || request.query().isEmpty()) {
            throw invalid("query is required and must not be empty", "query");
        }
        if (request.topN() != null && request.topN() < 0) {
            throw invalid("top_n must be 0 (all) or more", "top_n");
        }
        List<String> documents = documents(request.documents());
        Reranker.Ranking ranking = reranker.prepare(request.query(), documents);
        Reranker.Scores scores = usage.spend(origin, OPERATION, ranking.tokensAtMost(), ranking::run,
                ranked -> new EmbeddingUsage.Spent(ranked.model(), ranked.promptTokens()));
        boolean withText = request.returnDocuments() == null || request.returnDocuments();
        List<RerankResponse.Result> results = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            results.add(new RerankResponse.Result(i, scores.scores()[i],
                    withText ? new RerankResponse.Document(documents.get(i)) : null));
        }
        results.sort(Comparator.comparingDouble(RerankResponse.Result::relevanceScore).reversed());
        int topN = request.topN() == null || request.topN() == 0 ? results.size()
                : Math.min(request.topN(), results.size());
        return new RerankResponse("rerank-" + UUID.randomUUID(), scores.model(), List.copyOf(results.subList(0, topN)),
                Usage.of(scores.promptTokens(), 0));
    }

    private List<String> documents(JsonNode documents) {
        if (documents == null || !documents.isArray() || documents.isEmpty()) {
            throw invalid("documents must be a non-empty array of strings or of objects with a text", "documents");
        }
        if (documents.size() > maxDocuments) {
            throw invalid("documents has " + documents.size() + " items; at most " + maxDocuments
                    + " are taken per request", "documents");
        }
        List<String> texts = new ArrayList<>(documents.size());
        for (JsonNode document : documents) {
            JsonNode text = document.isObject() ? document.get("text") : document;
            if (text == null || !text.isString() || text.asString().isEmpty()) {
                throw invalid("documents[" + texts.size() + "] must be a non-empty string or an object with a "
                        + "non-empty text", "documents");
            }
            texts.add(text.asString());
        }
        return texts;
    }

    private static PlatformException invalid(String message, String field) {
        return new PlatformException(ErrorCode.VALIDATION_FAILED, message, field);
    }
}
