package io.llmplatform.embedding.config;

import io.llmplatform.support.upstream.ModelServerResilience;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * embedding-service's settings.
 *
 * @param defaultModel the embedding model for requests naming none
 * @param maxInputs the most inputs one embeddings request may carry (OpenAI's limit is 2,048)
 * @param maxDocuments the most documents one rerank request may carry
 * @param inProcess the model that runs inside this service
 * @param models remote OpenAI-compatible embedding servers, by the name clients use; entries with neither a base URL
 *     nor a pool are ignored, so the environment can leave the single-remote entry empty. Models that model-manager
 *     announces are served besides these.
 * @param rerankModels remote rerank servers (vLLM's {@code /v1/rerank}), likewise
 * @param poolApiKey the bearer token for pools model-manager announces, unless a configured model naming the pool
 *     has its own
 * @param cacheEntries recent (model, text) vectors kept, to answer repeated texts without the model
 */
@Validated
@ConfigurationProperties("platform.embedding")
public record EmbeddingProperties(
        @NotBlank String defaultModel,
        @DefaultValue("2048") @Min(1) int maxInputs,
        @DefaultValue("1000") @Min(1) int maxDocuments,
        @Valid @NotNull @DefaultValue InProcess inProcess,
        @Valid @DefaultValue({}) List<RemoteModel> models,
        @Valid @DefaultValue({}) List<RemoteModel> rerankModels,
        String poolApiKey,
        @DefaultValue("10000") @Min(0) long cacheEntries,
        @Valid @NotNull @DefaultValue Timeouts timeouts,
        @Valid @NotNull @DefaultValue ModelServerResilience resilience) {

    /**
     * all-MiniLM-L6-v2, run by ONNX Runtime in this process.
     *
     * @param enabled off when only remote models should be served (the model then takes no memory)
     * @param name the name clients use
     * @param maxInputTokens the most word pieces an input may have, [CLS] and [SEP] included; the model was trained
     *     on 256 (sentence-transformers' {@code max_seq_length}), longer inputs are refused rather than cut
     * @param inferenceThreads threads running model batches; 0: one
     * @param intraOpThreads threads ONNX Runtime uses inside one batch; 0: one per core
     * @param maxBatch the most inputs one model run takes
     * @param batchWindow how long a model run waits for more inputs before it starts, so concurrent requests share
     * @param maxWaiting inputs that may wait for the model before requests are refused with 503
     */
    public record InProcess(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("all-minilm-l6-v2") @NotBlank String name,
            @DefaultValue("256") @Min(3) @Max(512) int maxInputTokens,
            @DefaultValue("0") @Min(0) int inferenceThreads,
            @DefaultValue("0") @Min(0) int intraOpThreads,
            @DefaultValue("32") @Min(1) int maxBatch,
            @DefaultValue("1ms") Duration batchWindow,
            @DefaultValue("20000") @Min(1) int maxWaiting) {
    }

    /**
     * A model on an OpenAI-compatible server (vLLM, TEI, Ollama...).
     *
     * @param name the name clients use
     * @param pool the model-manager pool this name stands for: while the pool is announced, the name goes to whatever
     *     it serves, and the base URL is the fallback (without one, the name is unavailable until the pool is
     *     announced)
     * @param baseUrl the server, with or without {@code /v1}
     * @param upstreamName the model's name on that server; {@code name} if absent
     * @param apiKey sent as a bearer token, for servers that want one
     * @param dimensions the length of its vectors, when known: {@code dimensions} may then ask for it (for a model
     *     following a pool, while the pool serves {@code upstreamName})
     * @param matryoshka whether its vectors may be shortened ({@code dimensions} below the native length: cut and
     *     renormalised)
     */
    public record RemoteModel(
            String name,
            String pool,
            String baseUrl,
            String upstreamName,
            String apiKey,
            @Min(1) Integer dimensions,
            @DefaultValue("false") boolean matryoshka) {

        /** Named, and with somewhere to go: a server, or a pool. */
        public boolean configured() {
            return hasText(name) && (hasBaseUrl() || hasText(pool));
        }

        public boolean hasBaseUrl() {
            return hasText(baseUrl);
        }

        public String upstreamModel() {
            return hasText(upstreamName) ? upstreamName : name;
        }

        private static boolean hasText(String value) {
            return value != null && !value.isBlank();
        }
    }

    /**
     * @param connect to open a connection to a remote model server
     * @param request a whole call, to a remote server or to the in-process model
     */
    public record Timeouts(
            @DefaultValue("2s") Duration connect,
            @DefaultValue("25s") Duration request) {
    }
}
