package io.llmplatform.simulator.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomSentencesTest {

    @Test
    void sentenceTokensAreExactlyWhatTheTokenizerMakesOfTheirText() {
        SimulatedTokenizer tokenizer = new SimulatedTokenizer();
        for (long seed = 0; seed < 200; seed++) {
            RandomSentences sentences = new RandomSentences(seed);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tokens.addAll(sentences.next());
            }

            assertThat(tokenizer.pieces(String.join("", tokens))).isEqualTo(tokens);
        }
    }
}
