package io.llmplatform.embedding.remote;

import io.llmplatform.contracts.openai.RerankResponse;
import io.llmplatform.embedding.config.EmbeddingProperties;
import io.llmplatform.embedding.rerank.Reranker;
import io.llmplatform.support.upstream.ModelServerCalls;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cross-encoder on a server with vLLM's {@code /v1/rerank}. Every document is scored (the cut to {@code top_n}
 * happens in the service, the same for every reranker), and the call is billed at the tokens the server reports;
 * the quota reservation before it is an upper estimate over every query-document pair.
 */
public final class RemoteReranker implements Reranker {

    private static final int SPECIAL_TOKENS = 3;

    private final RemoteEndpoint endpoint;

    public RemoteReranker(EmbeddingProperties.RemoteModel config, ModelServerCalls calls, Duration timeout,
            JsonMapper json) {
        this.endpoint = new RemoteEndpoint(config, calls, timeout, json);
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public String servedBy() {
        return endpoint.openAiBaseUrl();
    }

    @Override
    public Ranking prepare(String query, List<String> documents) {
        long queryTokens = RemoteEndpoint.estimateTokens(query, SPECIAL_TOKENS);
        long tokens = documents.stream().mapToLong(document -> queryTokens
                + RemoteEndpoint.estimateTokens(document, 0)).sum();
        return new Ranking() {
            @Override
            public long tokensAtMost() {
                return tokens;
            }

            @Override
            public Scores run() {
                return score(query, documents, tokens);
            }
        };
    }

    private Scores score(String query, List<String> documents, long estimate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", endpoint.upstreamModel());
        body.put("query", query);
        body.put("documents", documents);
        RerankResponse response = endpoint.post("/rerank", body, RerankResponse.class, "documents");
        double[] scores = new double[documents.size()];
        Arrays.fill(scores, Double.NaN);
        if (response.results() != null) {
            response.results().stream().filter(result -> result.index() >= 0 && result.index() < scores.length)
                    .forEach(result -> scores[result.index()] = result.relevanceScore());
        }
        if (Arrays.stream(scores).anyMatch(Double::isNaN)) {
            throw RemoteEndpoint.unreadable("not every document was scored");
        }
        int tokens = response.usage() == null ? (int) estimate
                : Math.max(response.usage().promptTokens(), response.usage().totalTokens());
        return new Scores(endpoint.name(), scores, tokens);
    }
}
