package io.llmplatform.chat.completion;

import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.contracts.chat.RagOptions;
import io.llmplatform.contracts.openai.ChatCompletionRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated chat completion request: the client's JSON exactly as sent, which is what goes to the model server
 * (nothing the platform does not understand is dropped), and its typed reading.
 *
 * @param wantsUsageChunk the client asked for the final usage chunk ({@code stream_options.include_usage})
 * @param wantsUsageOnEveryChunk the client asked for vLLM's {@code continuous_usage_stats}
 * @param rag the platform's {@code rag} extension: retrieval from the caller's documents, or null
 */
record CompletionRequest(ObjectNode json, ChatCompletionRequest typed, boolean wantsUsageChunk,
        boolean wantsUsageOnEveryChunk, RagOptions rag) {

    /** The platform's extension field; never sent on to the model server. */
    static final String RAG = "rag";

    boolean streaming() {
        return typed.streaming();
    }

    /**
     * The body for the model server: its own name for the model and, when streaming, usage on every chunk, so the
     * tokens of a stream cut short are known exactly. What the client did not ask for is removed on the way back.
     */
    byte[] forModelServer(ModelEndpoint endpoint, JsonMapper mapper) {
        ObjectNode upstream = json.deepCopy();
        upstream.remove(RAG);
        upstream.put("model", endpoint.upstreamModel());
        if (streaming()) {
            ObjectNode options = upstream.putObject("stream_options");
            options.put("include_usage", true);
            options.put("continuous_usage_stats", true);
        }
        return mapper.writeValueAsBytes(upstream);
    }
}
