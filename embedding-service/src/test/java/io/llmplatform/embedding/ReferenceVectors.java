package io.llmplatform.embedding;

import io.llmplatform.embedding.model.VectorMath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * all-MiniLM-L6-v2's vectors and token counts for fixed sentences as Python's sentence-transformers computes them,
 * recorded once by {@code benchmarks/python/reference_vectors.py} (its header has the command).
 */
final class ReferenceVectors {

    record Sentence(String text, int tokens, float[] vector) {
    }

    static final Map<String, Sentence> SENTENCES = read();

    static float[] vectorOf(String text) {
        Sentence sentence = SENTENCES.get(text);
        if (sentence == null) {
            throw new IllegalArgumentException("no reference vector for '" + text + "'");
        }
        return sentence.vector();
    }

    static double cosine(float[] a, float[] b) {
        return VectorMath.cosine(a, b);
    }

    private static Map<String, Sentence> read() {
        try (InputStream in = ReferenceVectors.class.getResourceAsStream("/reference/minilm-reference.json")) {
            Map<String, Sentence> sentences = new LinkedHashMap<>();
            for (JsonNode sentence : JsonMapper.builder().build().readTree(in).get("sentences")) {
                JsonNode values = sentence.get("vector");
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = values.get(i).floatValue();
                }
                String text = sentence.get("text").asString();
                sentences.put(text, new Sentence(text, sentence.get("tokens").asInt(), vector));
            }
            return sentences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReferenceVectors() {
    }
}
