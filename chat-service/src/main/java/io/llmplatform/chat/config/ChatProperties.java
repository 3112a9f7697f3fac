package io.llmplatform.chat.config;

import io.llmplatform.contracts.documents.SearchMode;
import io.llmplatform.support.upstream.ModelServerResilience;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * chat-service's settings.
 *
 * @param models the models this service serves and where, when model-manager-service has announced nothing else
 * @param defaultModel the model for requests naming none, or {@code current}
 * @param modelManagerUrl model-manager-service, asked for a model neither its announcements nor this list know
 * @param unknownModelMemory how long a name model-manager did not know is answered 404 without asking again
 * @param maxMessageBytes the largest message content accepted, in UTF-8 bytes
 * @param memoryTokens how many tokens of a conversation's history go back to the model with each message
 * @param retrieval answers from the user's documents
 */
@Validated
@ConfigurationProperties("platform.chat")
public record ChatProperties(
        @NotEmpty @Valid List<Model> models,
        @NotBlank String defaultModel,
        @NotNull @DefaultValue("http://localhost:8085") URI modelManagerUrl,
        @NotNull @DefaultValue("10s") Duration unknownModelMemory,
        @Valid @NotNull @DefaultValue Timeouts timeouts,
        @Valid @NotNull @DefaultValue ModelServerResilience resilience,
        @DefaultValue("262144") @Min(1) int maxMessageBytes,
        @DefaultValue("3000") @Min(100) int memoryTokens,
        @Valid @NotNull @DefaultValue Retrieval retrieval) {

    /**
     * @param name the name clients use
     * @param pool the model-manager pool this name stands for: while the pool is announced, the name routes to
     *     whatever it serves, and the rest of this entry is the fallback
     * @param baseUrl the OpenAI-compatible server (vLLM), without {@code /v1}
     * @param upstreamName the model's name on that server; the client's name if absent
     * @param contextTokens the model's context length, bounding a request without {@code max_tokens}
     * @param apiKey sent as a bearer token, for servers that want one
     */
    public record Model(
            @NotBlank String name,
            String pool,
            @NotNull URI baseUrl,
            String upstreamName,
            @DefaultValue("8192") @Min(1) int contextTokens,
            String apiKey) {

        public String upstreamModel() {
            return upstreamName != null && !upstreamName.isBlank() ? upstreamName : name;
        }
    }

    /**
     * @param connect to open a connection to the model server
     * @param firstToken from sending a request to its first token (or whole answer when not streaming)
     * @param betweenTokens the longest silence within a stream
     * @param request the whole request, however it is going
     */
    public record Timeouts(
            @DefaultValue("2s") Duration connect,
            @DefaultValue("60s") Duration firstToken,
            @DefaultValue("30s") Duration betweenTokens,
            @DefaultValue("10m") Duration request) {
    }

    /**
     * @param documentServiceUrl document-service, searched with the user's own token
     * @param searchMode how document-service ranks chunks for a question
     * @param queryCompression whether a follow-up question in a conversation (or a completion with earlier
     *     messages) is first rewritten by the model to stand alone, so that "and in 2023?" searches well; it costs
     *     one short model call (billed) before the answer
     * @param compressionMaxTokens the most tokens that rewrite may take
     * @param answerReserveTokens the room kept for the answer when fitting a prompt without {@code maxTokens}
     */
    public record Retrieval(
            @NotNull @DefaultValue("http://localhost:8084") URI documentServiceUrl,
            @NotNull @DefaultValue("hybrid") SearchMode searchMode,
            @DefaultValue("true") boolean queryCompression,
            @DefaultValue("100") @Min(1) int compressionMaxTokens,
            @DefaultValue("512") @Min(1) int answerReserveTokens) {
    }

}
