package io.llmplatform.simulator.embedding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.simulator.fault.ServingGuard;
import io.llmplatform.simulator.http.Replies;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.model.ServedModels;
import io.llmplatform.simulator.recording.RequestRecorder;
import io.llmplatform.simulator.tokenizer.Prompts;
import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/embeddings} with {@link SimulatedEmbedder} vectors, as floats or, with
 * {@code encoding_format: base64}, as little-endian float32 bytes; {@code dimensions} truncates and renormalises.
 */
public final class EmbeddingEndpoint {

    private final SimulatedEmbedder embedder;
    private final SimulatedTokenizer tokenizer;
    private final ServedModels models;
    private final ServingGuard guard;
    private final RequestRecorder recorder;
    private final SimulatorJson json;
    private final int maxModelLen;

    public EmbeddingEndpoint(SimulatedEmbedder embedder, SimulatedTokenizer tokenizer, ServedModels models,
            ServingGuard guard, RequestRecorder recorder, SimulatorJson json, int maxModelLen) {
        this.embedder = embedder;
        this.tokenizer = tokenizer;
        this.models = models;
        this.guard = guard;
        this.recorder = recorder;
        this.json = json;
        this.maxModelLen = maxModelLen;
    }

    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            recorder.record(request, body);
            guard.admit(request);
            Input input = json.convert(json.readTree(body), Input.class);
            String model = models.resolve(input.model());
            int dimensions = dimensions(input.dimensions());
            Prompts texts = Prompts.read(input.input(), tokenizer, "input");
            List<EmbeddingResponse.Embedding> data = new ArrayList<>(texts.texts().size());
            int promptTokens = 0;
            for (int i = 0; i < texts.texts().size(); i++) {
                int tokens = texts.tokenCounts().get(i);
                if (tokens > maxModelLen) {
                    throw VllmError.contextLengthExceeded(maxModelLen, tokens, 0);
                }
                promptTokens += tokens;
                float[] vector = embedder.embed(texts.texts().get(i), dimensions);
                data.add(EmbeddingRequest.BASE64_FORMAT.equals(input.encodingFormat())
                        ? EmbeddingResponse.Embedding.base64(i, vector)
                        : EmbeddingResponse.Embedding.floats(i, vector));
            }
            return Mono.from(Replies.json(response, 200,
                    json.write(EmbeddingResponse.of(model, data, promptTokens))));
        });
    }

    private int dimensions(Integer requested) {
        if (requested == null) {
            return embedder.dimension();
        }
        if (requested < 1 || requested > embedder.dimension()) {
            throw VllmError.badRequest("dimensions must be between 1 and " + embedder.dimension() + ", got "
                    + requested + ".", "dimensions");
        }
        return requested;
    }

    /** The request as read here: {@code input} may also hold token ids, which the shared record does not model. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Input(JsonNode input, String model, String encodingFormat, Integer dimensions) {
    }
}
