package io.llmplatform.simulator.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionPlannerTest {

    private final SimulatedTokenizer tokenizer = new SimulatedTokenizer();
    private final CompletionPlanner echo = new CompletionPlanner(tokenizer, ContentMode.ECHO, 64);
    private final CompletionPlanner random = new CompletionPlanner(tokenizer, ContentMode.RANDOM, 40);

    @Test
    void echoRepeatsTheTextAndEndsWithStop() {
        Completion completion = echo.plan("Tell me a story.", params(100, List.of())).getFirst();

        assertThat(completion.text()).isEqualTo("Tell me a story.");
        assertThat(completion.completionTokens()).isEqualTo(tokenizer.count("Tell me a story."));
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.stopReason()).isNull();
    }

    @Test
    void maxTokensCutsTheTextAndEndsWithLength() {
        Completion completion = echo.plan("the river and the bridge", params(3, List.of())).getFirst();

        assertThat(completion.text()).isEqualTo("the river and");
        assertThat(completion.finishReason()).isEqualTo("length");
    }

    @Test
    void textThatFillsMaxTokensExactlyEndsWithLengthBecauseEndOfSequenceIsATokenToo() {
        Completion completion = echo.plan("the river bridge", params(3, List.of())).getFirst();

        assertThat(completion.finishReason()).isEqualTo("length");
    }

    @Test
    void stopStringEndsTheTextWithoutItselfAndBecomesTheStopReason() {
        Completion completion = echo.plan("the river. the bridge", params(100, List.of("bridge", ". t")))
                .getFirst();

        assertThat(completion.text()).isEqualTo("the river");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.stopReason()).isEqualTo(". t");
        assertThat(completion.completionTokens()).as("tokens up to the one completing the stop string").isEqualTo(4);
    }

    @Test
    void includeStopStrInOutputKeepsTheStopString() {
        SamplingParameters parameters = new SamplingParameters(100, List.of("river"), null, false, true, 1);

        Completion completion = echo.plan("the river and the bridge", parameters).getFirst();

        assertThat(completion.text()).isEqualTo("the river");
        assertThat(completion.stopReason()).isEqualTo("river");
    }

    @Test
    void randomTextIsTheSameForTheSameSeedAndDiffersOtherwise() {
        String first = random.plan("", seeded(7L)).getFirst().text();
        String again = random.plan("", seeded(7L)).getFirst().text();
        String other = random.plan("", seeded(8L)).getFirst().text();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).matches("[A-Z][a-z]+[ ,a-z]*\\..*");
    }

    @Test
    void randomTextEndsAtASentenceEndAroundTheMeanLength() {
        Completion completion = random.plan("", seeded(3L)).getFirst();

        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.text()).endsWith(".");
        assertThat(completion.completionTokens()).isBetween(20, 80);
    }

    @Test
    void ignoreEosGeneratesExactlyMaxTokens() {
        SamplingParameters parameters = new SamplingParameters(500, List.of(), 1L, true, false, 1);

        Completion completion = random.plan("", parameters).getFirst();

        assertThat(completion.completionTokens()).isEqualTo(500);
        assertThat(completion.finishReason()).isEqualTo("length");
    }

    @Test
    void eachChoiceOfASeededRequestHasItsOwnText() {
        SamplingParameters parameters = new SamplingParameters(50, List.of(), 11L, false, false, 3);

        List<Completion> completions = random.plan("", parameters);

        assertThat(completions).hasSize(3);
        assertThat(completions.stream().map(Completion::text).distinct()).hasSize(3);
    }

    private static SamplingParameters params(int maxTokens, List<String> stop) {
        return new SamplingParameters(maxTokens, stop, null, false, false, 1);
    }

    private static SamplingParameters seeded(long seed) {
        return new SamplingParameters(1000, List.of(), seed, false, false, 1);
    }
}
