package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The answer to {@code POST /v1/embeddings}: one {@link Embedding} per input, in input order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingResponse(String object, List<Embedding> data, String model, Usage usage) {

    public static EmbeddingResponse of(String model, List<Embedding> data, int promptTokens) {
        return new EmbeddingResponse("list", data, model, new Usage(promptTokens, 0, promptTokens, null));
    }

    /**
     * One vector. On the wire {@code embedding} is an array of floats, or, with {@code encoding_format: base64},
     * a base64 string of little-endian float32 values; {@link #vector()} reads either.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Embedding(String object, int index, Object embedding) {

        public static Embedding floats(int index, float[] vector) {
            return new Embedding("embedding", index, vector);
        }

        public static Embedding base64(int index, float[] vector) {
            ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(vector);
            return new Embedding("embedding", index, Base64.getEncoder().encodeToString(bytes.array()));
        }

        public float[] vector() {
            return switch (embedding) {
                case float[] floats -> floats;
                case String base64 -> decodeBase64(base64);
                case List<?> numbers -> {
                    float[] vector = new float[numbers.size()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = ((Number) numbers.get(i)).floatValue();
                    }
                    yield vector;
                }
                case null, default -> throw new IllegalStateException("embedding is neither floats nor base64");
            };
        }

        private static float[] decodeBase64(String base64) {
            var floats = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
            float[] vector = new float[floats.remaining()];
            floats.get(vector);
            return vector;
        }
    }
}
