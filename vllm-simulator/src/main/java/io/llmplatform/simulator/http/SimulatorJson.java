package io.llmplatform.simulator.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.llmplatform.contracts.openai.ChatCompletionChunk;
import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.contracts.openai.ChatCompletionResponse;
import io.llmplatform.contracts.openai.OpenAiErrorResponse;
import io.llmplatform.contracts.openai.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator's one JSON mapper, and request parsing that fails as a 400 in vLLM's shape. */
public final class SimulatorJson {

    private volatile JsonMapper mapper;

    /**
     * Builds Jackson's serialisers of the hot records now, on another thread while the server starts, rather than on
     * the first request.
     */
    public void warmUpInBackground() {
        Thread.ofPlatform().daemon().name("vllm-simulator-json-warm-up").start(this::warmUp);
    }

    /**
     * Loads Jackson's classes on another thread while the command line is parsed and the server starts: half of the
     * jar's start-up time is class loading, and the two can share the machine's cores.
     */
    public static void preloadInBackground() {
        Thread.ofPlatform().daemon().name("vllm-simulator-json-preload").start(() -> new SimulatorJson().warmUp());
    }

    private void warmUp() {
        byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,"
                + "\"stream_options\":{}}").getBytes(StandardCharsets.UTF_8);
        ChatCompletionRequest request = read(body, ChatCompletionRequest.class);
        write(new ChatCompletionChunk("id", ChatCompletionChunk.OBJECT, 0, request.model(),
                List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta("assistant", "", null, null),
                        null, null, null)), Usage.of(1, 1), null));
        write(new ChatCompletionResponse("id", ChatCompletionResponse.OBJECT, 0, request.model(),
                List.of(new ChatCompletionResponse.Choice(0, request.messages().getFirst(), null, "stop", null)),
                Usage.of(1, 1), null));
    }

    /** Built on first use, so that the server can start while Jackson's classes load on another thread. */
    public JsonMapper mapper() {
        JsonMapper built = mapper;
        if (built == null) {
            synchronized (this) {
                if (mapper == null) {
                    // Jackson 3 refuses a missing primitive record component; here it means its default, 0.
                    mapper = JsonMapper.builder()
                            .addMixIn(OpenAiErrorResponse.Error.class, NumericErrorCode.class)
                            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                            .build();
                }
                built = mapper;
            }
        }
        return built;
    }

    public byte[] write(Object value) {
        return mapper().writeValueAsBytes(value);
    }

    public JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw VllmError.badRequest("JSON decode error: the request body is empty");
        }
        try {
            JsonNode tree = mapper().readTree(body);
            if (tree == null || !tree.isObject()) {
                throw VllmError.badRequest("JSON decode error: the request body must be a JSON object");
            }
            return tree;
        } catch (JacksonException e) {
            throw VllmError.badRequest("JSON decode error: " + e.getOriginalMessage());
        }
    }

    /** Reads a request body straight into its record: one pass, for the endpoints under load. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw VllmError.badRequest("JSON decode error: the request body is empty");
        }
        try {
            return mapper().readValue(body, type);
        } catch (StreamReadException e) {
            throw VllmError.badRequest("JSON decode error: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw VllmError.badRequest("Invalid request: " + e.getOriginalMessage(), parameterOf(e));
        }
    }

    public <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return mapper().treeToValue(tree, type);
        } catch (JacksonException e) {
            throw VllmError.badRequest("Invalid request: " + e.getOriginalMessage(), parameterOf(e));
        }
    }

    private static String parameterOf(JacksonException e) {
        var path = e.getPath();
        return path.isEmpty() ? null : path.getFirst().getPropertyName();
    }

    /** vLLM writes {@code code} as the status number; the shared record holds it as its string form. */
    abstract static class NumericErrorCode {
        @JsonRawValue
        abstract String code();
    }
}
