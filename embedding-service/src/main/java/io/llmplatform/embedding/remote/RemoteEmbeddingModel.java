package io.llmplatform.embedding.remote;

import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.embedding.config.EmbeddingProperties;
import io.llmplatform.embedding.model.ModelInput;
import io.llmplatform.embedding.model.PreparedInputs;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.model.Vectors;
import io.llmplatform.support.upstream.ModelServerCalls;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An embedding model on an OpenAI-compatible server (vLLM, TEI, Ollama): one {@code /v1/embeddings} call per request,
 * as floats, billed at the tokens the server reports. Requests are not coalesced or cached here: the server batches
 * continuously itself, and coalescing would leave the server's usage, which comes per call, unassignable to requests.
 * The quota reservation before the call is an upper estimate.
 */
public final class RemoteEmbeddingModel implements ServedEmbeddingModel {

    private static final int SPECIAL_TOKENS = 2;

    private final RemoteEndpoint endpoint;

    public RemoteEmbeddingModel(EmbeddingProperties.RemoteModel config, ModelServerCalls calls, Duration timeout,
            JsonMapper json) {
        this.endpoint = new RemoteEndpoint(config, calls, timeout, json);
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public Integer dimensions() {
        return endpoint.config().dimensions();
    }

    @Override
    public boolean matryoshka() {
        return endpoint.config().matryoshka();
    }

    @Override
    public String servedBy() {
        return endpoint.openAiBaseUrl();
    }

    @Override
    public PreparedInputs prepare(List<ModelInput> inputs) {
        long tokens = 0;
        for (ModelInput input : inputs) {
            tokens += switch (input) {
                case ModelInput.Text text -> RemoteEndpoint.estimateTokens(text.text(), SPECIAL_TOKENS);
                case ModelInput.TokenIds ids -> ids.ids().length;
            };
        }
        return new PreparedInputs(inputs, null, tokens);
    }

    @Override
    public Vectors embed(PreparedInputs prepared) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", endpoint.upstreamModel());
        body.put("input", prepared.inputs().stream().map(input -> switch (input) {
            case ModelInput.Text text -> (Object) text.text();
            case ModelInput.TokenIds ids -> ids.ids();
        }).toList());
        body.put("encoding_format", "float");
        EmbeddingResponse response = endpoint.post("/embeddings", body, EmbeddingResponse.class, "input");
        if (response.data() == null || response.data().size() != prepared.inputs().size()) {
            throw RemoteEndpoint.unreadable((response.data() == null ? "no" : response.data().size())
                    + " vectors for " + prepared.inputs().size() + " inputs");
        }
        List<float[]> vectors = response.data().stream()
                .sorted(Comparator.comparingInt(EmbeddingResponse.Embedding::index))
                .map(EmbeddingResponse.Embedding::vector).toList();
        return new Vectors(vectors, response.usage() == null ? (int) prepared.tokens()
                : response.usage().promptTokens());
    }
}
