package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /v1/embeddings}. {@code input} is kept as the JSON it came as, since OpenAI allows four shapes: one
 * string, an array of strings, an array of token ids, or an array of token id arrays. A server checks the shape
 * (and says which part is wrong); {@link #texts()} reads the common case of strings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingRequest(
        JsonNode input,
        String model,
        String encodingFormat,
        Integer dimensions,
        String user) {

    public static final String FLOAT_FORMAT = "float";
    public static final String BASE64_FORMAT = "base64";

    public static EmbeddingRequest of(String model, List<String> input) {
        ArrayNode texts = JsonNodeFactory.instance.arrayNode(input.size());
        input.forEach(texts::add);
        return new EmbeddingRequest(texts, model, null, null, null);
    }

    /** The same request asking for {@code format} ({@value #FLOAT_FORMAT} or {@value #BASE64_FORMAT}). */
    public EmbeddingRequest withEncodingFormat(String format) {
        return new EmbeddingRequest(input, model, format, dimensions, user);
    }

    /** The official Python SDK asks for base64 unless told otherwise; absent means float. */
    public boolean wantsBase64() {
        return BASE64_FORMAT.equals(encodingFormat);
    }

    /**
     * The input's texts, when it is a string or an array of strings.
     *
     * @throws IllegalArgumentException when it holds token ids or anything else
     */
    public List<String> texts() {
        if (input != null && input.isString()) {
            return List.of(input.asString());
        }
        if (input == null || !input.isArray()) {
            throw new IllegalArgumentException("input is neither a string nor an array of strings");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (JsonNode element : input) {
            if (!element.isString()) {
                throw new IllegalArgumentException("input[" + texts.size() + "] is not a string");
            }
            texts.add(element.asString());
        }
        return texts;
    }
}
