package io.llmplatform.simulator.embedding;

import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.List;
import java.util.Locale;

/**
 * Simulated embeddings: NOT a language model. A text's vector is the sum of one pseudo-random vector per token (the
 * same token always gives the same vector), normalised to length 1. So the same text always gets the same vector and
 * texts sharing words have a higher cosine similarity, which is enough to exercise a retrieval pipeline.
 */
public final class SimulatedEmbedder {

    private final SimulatedTokenizer tokenizer;
    private final int dimension;

    public SimulatedEmbedder(SimulatedTokenizer tokenizer, int dimension) {
        this.tokenizer = tokenizer;
        this.dimension = dimension;
    }

    public int dimension() {
        return dimension;
    }

    public float[] embed(String text, int dimensions) {
        List<String> pieces = tokenizer.pieces(text);
        double[] sum = new double[dimensions];
        for (String piece : pieces.isEmpty() ? List.of("") : pieces) {
            long seed = piece.trim().toLowerCase(Locale.ROOT).hashCode() * 0x9E3779B97F4A7C15L;
            for (int i = 0; i < dimensions; i++) {
                sum[i] += unitInterval(mix(seed + i));
            }
        }
        double norm = 0;
        for (double value : sum) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = norm == 0 ? (i == 0 ? 1f : 0f) : (float) (sum[i] / norm);
        }
        return vector;
    }

    /** SplitMix64's finaliser: well-spread bits from consecutive seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unitInterval(long bits) {
        return (bits >>> 11) * 0x1.0p-53 * 2 - 1;
    }
}
