package io.llmplatform.chat.model;

import io.llmplatform.support.upstream.ModelServer;
import java.net.URI;

/**
 * A model as clients name it, and the OpenAI-compatible server that serves it.
 *
 * @param baseUrl the server's root, as {@code http://vllm:8000}; a {@code /v1} suffix (as Ollama's and vLLM's docs
 *     write it) and trailing slashes are dropped
 */
public record ModelEndpoint(String name, URI baseUrl, String upstreamModel, int contextTokens, String apiKey)
        implements ModelServer {

    @Override
    public String openAiBaseUrl() {
        return ModelServer.openAiBaseUrl(baseUrl.toString());
    }
}
