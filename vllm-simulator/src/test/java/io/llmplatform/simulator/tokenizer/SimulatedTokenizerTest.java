package io.llmplatform.simulator.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimulatedTokenizerTest {

    private final SimulatedTokenizer tokenizer = new SimulatedTokenizer();

    @Test
    void splitsWordsWithTheirLeadingSpaceNumbersAndPunctuation() {
        assertThat(tokenizer.pieces("The river, 42 bridge!\n"))
                .containsExactly("The", " river", ",", " 42", " bridge", "!", "\n");
    }

    @Test
    void cutsUnknownLongWordsIntoChunksOfAtMostFourCharacters() {
        assertThat(tokenizer.pieces(" internationalization"))
                .containsExactly(" int", "erna", "tion", "aliz", "atio", "n");
    }

    @Test
    void keepsKnownLongWordsWholeAsARealVocabularyWould() {
        assertThat(tokenizer.pieces("The mountain remembers")).containsExactly("The", " mountain", " remembers");
    }

    @Test
    void countsSpecialTokensAsOneTokenEach() {
        assertThat(tokenizer.pieces("<|im_start|>user\nhi<|im_end|>"))
                .containsExactly("<|im_start|>", "user", "\n", "hi", "<|im_end|>");
        assertThat(tokenizer.pieces("a <|not special|>")).doesNotContain("<|not special|>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello wonderful world, 12345!", "tabs\tand\r\nnewlines\n\n  spaces   ",
            "émoji 🚀 and ümlauts", "<|im_start|>system\nBe brief.<|im_end|>", "{\"json\": [1, 2.5, null]}", ""})
    void detokenizingTheTokensGivesTheTextBack(String text) {
        List<Integer> ids = tokenizer.encode(text);

        assertThat(tokenizer.decode(ids)).isEqualTo(text);
        assertThat(ids).hasSize(tokenizer.count(text));
    }

    @Test
    void splitsAsTheDocumentedRegexThenCutsUnknownLongPiecesIntoFours() {
        Pattern regex = Pattern.compile(" ?[A-Za-z]+| ?[0-9]+| ?[^\\sA-Za-z0-9]| +|\\s");
        Vocabulary vocabulary = new Vocabulary();
        String alphabet = "aZq river 7 42 ,.!\t\n\r  é🚀-_";
        SplittableRandom random = new SplittableRandom(3);
        for (int sample = 0; sample < 2_000; sample++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                int at = random.nextInt(alphabet.length());
                text.appendCodePoint(alphabet.codePointAt(Character.isLowSurrogate(alphabet.charAt(at)) ? at - 1 : at));
            }
            List<String> expected = new ArrayList<>();
            Matcher matcher = regex.matcher(text);
            while (matcher.find()) {
                String piece = matcher.group();
                if (piece.length() <= 4 || vocabulary.isKnown(piece, 0, piece.length())) {
                    expected.add(piece);
                } else {
                    for (int i = 0; i < piece.length(); i += 4) {
                        expected.add(piece.substring(i, Math.min(piece.length(), i + 4)));
                    }
                }
            }

            assertThat(tokenizer.pieces(text.toString())).as("pieces of '%s'", text).isEqualTo(expected);
        }
    }

    @Test
    void givesTheSameIdsInEveryTokenizerInstance() {
        String text = "Every station answers a question, 2025.";

        assertThat(new SimulatedTokenizer().encode(text)).isEqualTo(tokenizer.encode(text));
    }

    @Test
    void refusesAnIdNoTokenHas() {
        assertThatThrownBy(() -> tokenizer.decode(List.of(1, -5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Token id -5");
        assertThatThrownBy(() -> tokenizer.decode(List.of(tokenizer.vocabularySize())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
