package io.llmplatform.embedding.remote;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.embedding.config.EmbeddingProperties;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.upstream.ModelServer;
import io.llmplatform.support.upstream.ModelServerCalls;
import io.llmplatform.support.upstream.UpstreamResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One configured remote model and how it is called: JSON posted through {@link ModelServerCalls} (its circuit
 * breaker, connect retries, error mapping), the answer read as a record; an unreadable answer is 502.
 */
final class RemoteEndpoint implements ModelServer {

    private static final int BYTES_PER_TOKEN = 3;

    private final EmbeddingProperties.RemoteModel config;
    private final String openAiBaseUrl;
    private final ModelServerCalls calls;
    private final Duration timeout;
    private final JsonMapper json;

    RemoteEndpoint(EmbeddingProperties.RemoteModel config, ModelServerCalls calls, Duration timeout,
            JsonMapper json) {
        this.config = config;
        this.openAiBaseUrl = ModelServer.openAiBaseUrl(config.baseUrl());
        this.calls = calls;
        this.timeout = timeout;
        this.json = json;
    }

    /**
     * An upper estimate of a text's tokens before the server counts them (a token per three bytes, plus the
     * model's special tokens): what the quota reserves.
     */
    static long estimateTokens(String text, int specialTokens) {
        return text.getBytes(StandardCharsets.UTF_8).length / BYTES_PER_TOKEN + specialTokens;
    }

    EmbeddingProperties.RemoteModel config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String openAiBaseUrl() {
        return openAiBaseUrl;
    }

    @Override
    public String apiKey() {
        return config.apiKey();
    }

    /** The model's name on its server. */
    String upstreamModel() {
        return config.upstreamModel();
    }

    /** Posts {@code body} to {@code path} under {@code /v1} and reads the answer as {@code type}. */
    <T> T post(String path, Object body, Class<T> type, String inputField) {
        try (UpstreamResponse answer = calls.post(this, path, json.writeValueAsBytes(body), timeout, inputField)) {
            return json.readValue(answer.body().readAllBytes(), type);
        } catch (IOException | JacksonException broken) {
            throw unreadable(broken.getMessage());
        }
    }

    static PlatformException unreadable(String why) {
        return new PlatformException(ErrorCode.BAD_GATEWAY, "The model server's answer could not be used: " + why);
    }
}
