package io.llmplatform.simulator.generation;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The tokens of random sentences, made lazily so that a long completion costs only what is sent. The text ends at
 * the first sentence end after a length drawn around the configured mean, unless {@code ignore_eos} is set.
 */
final class RandomTextTokens implements Iterator<String> {

    private final RandomSentences sentences;
    private final int naturalLength;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private int produced;

    RandomTextTokens(long seed, int meanOutputTokens, boolean ignoreEos) {
        this.sentences = new RandomSentences(seed);
        int mean = Math.max(1, meanOutputTokens);
        this.naturalLength = ignoreEos ? Integer.MAX_VALUE : sentences.nextInt((mean + 1) / 2, mean + mean / 2 + 1);
    }

    @Override
    public boolean hasNext() {
        if (pending.isEmpty() && produced < naturalLength) {
            pending.addAll(sentences.next());
        }
        return !pending.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        produced++;
        return pending.poll();
    }
}
