package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/chat/completions}. Fields that OpenAI does not define (vLLM's {@code top_k},
 * {@code repetition_penalty}, guided decoding...) are kept in {@link #extraParameters()} and written back out
 * unchanged, so a request passes through this record without losing anything.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        @NotEmpty @Valid List<ChatMessage> messages,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double topP,
        @Min(1) Integer maxTokens,
        @Min(1) Integer maxCompletionTokens,
        @Min(1) Integer n,
        @Size(max = 4) @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Long seed,
        @DecimalMin("-2") @DecimalMax("2") Double presencePenalty,
        @DecimalMin("-2") @DecimalMax("2") Double frequencyPenalty,
        JsonNode responseFormat,
        List<Tool> tools,
        JsonNode toolChoice,
        Boolean stream,
        StreamOptions streamOptions,
        String user,
        Boolean logprobs,
        @Min(0) @Max(20) Integer topLogprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extraParameters) {

    public ChatCompletionRequest {
        extraParameters = extraParameters == null ? new LinkedHashMap<>() : extraParameters;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code max_completion_tokens} wins over the deprecated {@code max_tokens}; null when neither is set. */
    public Integer effectiveMaxTokens() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** Builds requests for clients and tests; every field is optional except the messages. */
    public static final class Builder {
        private String model;
        private List<ChatMessage> messages = List.of();
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private List<String> stop;
        private Long seed;
        private Boolean stream;
        private StreamOptions streamOptions;
        private String user;
        private final Map<String, JsonNode> extraParameters = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder messages(List<ChatMessage> messages) {
            this.messages = List.copyOf(messages);
            return this;
        }

        public Builder messages(ChatMessage... messages) {
            return messages(List.of(messages));
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder maxCompletionTokens(Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder stop(List<String> stop) {
            this.stop = stop == null ? null : List.copyOf(stop);
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder stream(boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder streamOptions(StreamOptions streamOptions) {
            this.streamOptions = streamOptions;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder extraParameter(String name, JsonNode value) {
            this.extraParameters.put(name, value);
            return this;
        }

        public ChatCompletionRequest build() {
            return new ChatCompletionRequest(model, messages, temperature, topP, maxTokens, maxCompletionTokens,
                    null, stop, seed, null, null, null, null, null, stream, streamOptions, user, null, null,
                    new LinkedHashMap<>(extraParameters));
        }
    }
}
