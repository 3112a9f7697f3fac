package io.llmplatform.support.upstream;

/**
 * An OpenAI-compatible model server (vLLM, TEI, Ollama...) as {@link ModelServerCalls} needs it: a name for its
 * circuit breaker and messages, where its API is, and the key it wants, if any.
 */
public interface ModelServer {

    /** The name clients use; with {@link #openAiBaseUrl()}, what names its circuit breaker. */
    String name();

    /** The root of the server's OpenAI API, ending in {@code /v1}. */
    String openAiBaseUrl();

    /** Sent as a bearer token; null or blank for servers that want none. */
    String apiKey();

    /**
     * The root of a server's OpenAI API from its base URL as operators write it: {@code http://vllm:8000}, with or
     * without the {@code /v1} that vLLM's and Ollama's docs add, or trailing slashes.
     */
    static String openAiBaseUrl(String baseUrl) {
        return baseUrl.replaceFirst("(/v1)?/*$", "") + "/v1";
    }
}
