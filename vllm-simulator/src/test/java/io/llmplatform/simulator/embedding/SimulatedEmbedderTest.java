package io.llmplatform.simulator.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import org.junit.jupiter.api.Test;

class SimulatedEmbedderTest {

    private final SimulatedEmbedder embedder = new SimulatedEmbedder(new SimulatedTokenizer(), 64);

    @Test
    void theSameTextAlwaysGetsTheSameUnitVector() {
        float[] first = embedder.embed("The river crosses the valley.", 64);
        float[] again = new SimulatedEmbedder(new SimulatedTokenizer(), 64).embed("The river crosses the valley.", 64);

        assertThat(again).containsExactly(first);
        assertThat(norm(first)).isCloseTo(1.0, offset(1e-5));
    }

    @Test
    void textsSharingWordsAreCloserThanUnrelatedTexts() {
        float[] query = embedder.embed("river bridge valley", 64);
        float[] related = embedder.embed("the river and the bridge", 64);
        float[] unrelated = embedder.embed("quantum invoice 42", 64);

        assertThat(cosine(query, related)).isGreaterThan(cosine(query, unrelated) + 0.2);
    }

    @Test
    void emptyTextStillGetsAUnitVector() {
        assertThat(norm(embedder.embed("", 64))).isCloseTo(1.0, offset(1e-5));
    }

    private static double norm(float[] vector) {
        return Math.sqrt(cosine(vector, vector));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
