package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code POST /v1/embeddings}. {@code input} is one string or an array of strings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingRequest(
        @NotEmpty @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> input,
        String model,
        String encodingFormat,
        Integer dimensions,
        String user) {

    public static final String FLOAT_FORMAT = "float";
    public static final String BASE64_FORMAT = "base64";

    public static EmbeddingRequest of(String model, List<String> input) {
        return new EmbeddingRequest(input, model, null, null, null);
    }

    /** The official Python SDK asks for base64 unless told otherwise; absent means float. */
    public boolean wantsBase64() {
        return BASE64_FORMAT.equals(encodingFormat);
    }
}
