package io.llmplatform.chat.model;

import java.net.URI;

/**
 * A model as clients name it, and the OpenAI-compatible server that serves it.
 *
 * @param baseUrl the server's root, as {@code http://vllm:8000}; a {@code /v1} suffix (as Ollama's and vLLM's docs
 *     write it) and trailing slashes are dropped
 */
public record ModelEndpoint(String name, URI baseUrl, String upstreamModel, int contextTokens, String apiKey) {

    public ModelEndpoint {
        baseUrl = URI.create(baseUrl.toString().replaceFirst("(/v1)?/*$", ""));
    }

    /** The root of the server's OpenAI API, ending in {@code /v1}. */
    public String openAiBaseUrl() {
        return baseUrl + "/v1";
    }
}
