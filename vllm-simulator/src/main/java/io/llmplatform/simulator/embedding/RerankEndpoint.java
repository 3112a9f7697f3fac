package io.llmplatform.simulator.embedding;

import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.completion.ResponseIds;
import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * vLLM's rerank API ({@code /rerank}, {@code /v1/rerank}, {@code /v2/rerank}) as a cross-encoder serves it: each
 * document scored against the query, best first, cut to {@code top_n} (0 or absent: all), each result with its
 * document's text. The score is the cosine similarity of their {@link SimulatedEmbedder} vectors mapped onto
 * [0, 1], so texts sharing words with the query rank higher, and the same request always ranks the same. Each
 * query-document pair counts as one prompt of query plus document tokens, and must fit in {@code max_model_len}.
 */
public final class RerankEndpoint {

    private final PoolingServices services;

    public RerankEndpoint(PoolingServices services) {
        this.services = services;
    }

    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            RequestFault fault = services.admit(request, body);
            RerankRequest rerank = services.json().read(body, RerankRequest.class);
            String model = services.models().resolve(rerank.model());
            return services.reply(response, fault, rank(rerank, model, ResponseIds.of("rerank-", request)));
        });
    }

    private RerankResponse rank(RerankRequest request, String model, String id) {
        if (request.query() == null) {
            throw VllmError.badRequest("query is required", "query");
        }
        List<String> documents = documents(request.documents());
        SimulatedEmbedder embedder = services.embedder();
        SimulatedTokenizer tokenizer = services.tokenizer();
        int maxModelLen = services.maxModelLen();
        float[] query = embedder.embed(request.query(), embedder.dimension());
        int queryTokens = tokenizer.count(request.query());
        List<RerankResponse.Result> results = new ArrayList<>(documents.size());
        int promptTokens = 0;
        for (int i = 0; i < documents.size(); i++) {
            int pairTokens = queryTokens + tokenizer.count(documents.get(i));
            if (pairTokens > maxModelLen) {
                throw VllmError.contextLengthExceeded(maxModelLen, pairTokens, 0);
            }
            promptTokens += pairTokens;
            double cosine = cosine(query, embedder.embed(documents.get(i), embedder.dimension()));
            results.add(new RerankResponse.Result(i, (cosine + 1) / 2,
                    new RerankResponse.Document(documents.get(i))));
        }
        results.sort(Comparator.comparingDouble(RerankResponse.Result::relevanceScore).reversed());
        int topN = request.topN() == null || request.topN() <= 0 ? results.size()
                : Math.min(request.topN(), results.size());
        return new RerankResponse(id, model, List.copyOf(results.subList(0, topN)),
                new Usage(promptTokens, 0, promptTokens, null));
    }

    private static List<String> documents(JsonNode documents) {
        if (documents == null || !documents.isArray() || documents.isEmpty()) {
            throw VllmError.badRequest("documents must be a non-empty list of strings or of objects with a text",
                    "documents");
        }
        List<String> texts = new ArrayList<>(documents.size());
        for (JsonNode document : documents) {
            JsonNode text = document.isObject() ? document.get("text") : document;
            if (text == null || !text.isString()) {
                throw VllmError.badRequest("documents[" + texts.size() + "] is neither a string nor an object "
                        + "with a text", "documents");
            }
            texts.add(text.asString());
        }
        return texts;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
