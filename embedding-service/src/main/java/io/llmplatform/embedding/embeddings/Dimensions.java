package io.llmplatform.embedding.embeddings;

import io.llmplatform.embedding.model.VectorMath;
import java.util.Arrays;

/** Shortening a Matryoshka model's vector: its first dimensions, scaled back to length 1. */
final class Dimensions {

    /** {@code vector} itself when {@code dimensions} is 0 or its length. */
    static float[] shorten(float[] vector, int dimensions) {
        if (dimensions == 0 || dimensions >= vector.length) {
            return vector;
        }
        return VectorMath.normalize(Arrays.copyOf(vector, dimensions));
    }

    private Dimensions() {
    }
}
