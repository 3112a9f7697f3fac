package io.llmplatform.embedding.model;

/** What vectors need here: scaling to length 1, and the cosine of two. */
public final class VectorMath {

    /** Scales {@code vector} in place to length 1 (a zero vector stays zero). */
    public static float[] normalize(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return dot / Math.max(Math.sqrt(normA * normB), 1e-12);
    }

    private VectorMath() {
    }
}
