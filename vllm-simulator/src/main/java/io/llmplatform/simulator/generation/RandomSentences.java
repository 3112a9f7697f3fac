package io.llmplatform.simulator.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grammatical English sentences from {@link EnglishWords}, the same ones for the same seed. A sentence comes as its
 * tokens: every word is one token of the simulated vocabulary (with its leading space), and so is each punctuation
 * mark, exactly as the tokenizer would split the sentence's text.
 */
final class RandomSentences {

    private final SplittableRandom random;
    private boolean first = true;
    private List<String> tokens;

    RandomSentences(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The tokens of the next sentence; the first sentence has no leading space. */
    List<String> next() {
        tokens = new ArrayList<>(20);
        switch (random.nextInt(4)) {
            case 0 -> words("the", pick(EnglishWords.ADJECTIVES), pick(EnglishWords.NOUNS), pick(EnglishWords.VERBS),
                    "the", pick(EnglishWords.NOUNS), pick(EnglishWords.PREPOSITIONS), "the",
                    pick(EnglishWords.ADJECTIVES), pick(EnglishWords.NOUNS));
            case 1 -> {
                words(pick(EnglishWords.OPENERS));
                tokens.add(",");
                words("the", pick(EnglishWords.NOUNS), pick(EnglishWords.ADVERBS), pick(EnglishWords.VERBS), "a",
                        pick(EnglishWords.ADJECTIVES), pick(EnglishWords.NOUNS));
            }
            case 2 -> words("every", pick(EnglishWords.NOUNS), pick(EnglishWords.VERBS), "a",
                    pick(EnglishWords.NOUNS), "when", "the", pick(EnglishWords.NOUNS), pick(EnglishWords.ADVERBS),
                    pick(EnglishWords.VERBS), "the", pick(EnglishWords.NOUNS));
            default -> words("a", pick(EnglishWords.ADJECTIVES), pick(EnglishWords.NOUNS), pick(EnglishWords.ADVERBS),
                    pick(EnglishWords.VERBS), "each", pick(EnglishWords.NOUNS), "because", "the",
                    pick(EnglishWords.NOUNS), "is", pick(EnglishWords.ADJECTIVES));
        }
        tokens.add(".");
        return tokens;
    }

    /** A number in {@code [from, to)} from the same seeded sequence, so lengths are reproducible too. */
    int nextInt(int from, int to) {
        return random.nextInt(from, to);
    }

    private void words(String... words) {
        for (String word : words) {
            if (tokens.isEmpty()) {
                String capitalised = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                tokens.add(first ? capitalised : " " + capitalised);
                first = false;
            } else {
                tokens.add(" " + word);
            }
        }
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
