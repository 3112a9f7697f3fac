package io.llmplatform.simulator.embedding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.tokenizer.Prompts;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/embeddings} with {@link SimulatedEmbedder} vectors, as floats or, with
 * {@code encoding_format: base64}, as little-endian float32 bytes; {@code dimensions} truncates and renormalises.
 * An injected stall delays the answer.
 */
public final class EmbeddingEndpoint {

    private final PoolingServices services;

    public EmbeddingEndpoint(PoolingServices services) {
        this.services = services;
    }

    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            RequestFault fault = services.admit(request, body);
            Input input = services.json().convert(services.json().readTree(body), Input.class);
            String model = services.models().resolve(input.model());
            int dimensions = dimensions(input.dimensions());
            Prompts texts = Prompts.read(input.input(), services.tokenizer(), "input");
            List<EmbeddingResponse.Embedding> data = new ArrayList<>(texts.texts().size());
            int promptTokens = 0;
            for (int i = 0; i < texts.texts().size(); i++) {
                int tokens = texts.tokenCounts().get(i);
                if (tokens > services.maxModelLen()) {
                    throw VllmError.contextLengthExceeded(services.maxModelLen(), tokens, 0);
                }
                promptTokens += tokens;
                float[] vector = services.embedder().embed(texts.texts().get(i), dimensions);
                data.add(EmbeddingRequest.BASE64_FORMAT.equals(input.encodingFormat())
                        ? EmbeddingResponse.Embedding.base64(i, vector)
                        : EmbeddingResponse.Embedding.floats(i, vector));
            }
            return services.reply(response, fault, EmbeddingResponse.of(model, data, promptTokens));
        });
    }

    private int dimensions(Integer requested) {
        int dimension = services.embedder().dimension();
        if (requested == null) {
            return dimension;
        }
        if (requested < 1 || requested > dimension) {
            throw VllmError.badRequest("dimensions must be between 1 and " + dimension + ", got "
                    + requested + ".", "dimensions");
        }
        return requested;
    }

    /** The request as read here: {@code input} may also hold token ids. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Input(JsonNode input, String model, String encodingFormat, Integer dimensions) {
    }
}
