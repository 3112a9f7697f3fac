package io.llmplatform.simulator.tokenizer;

import java.util.Collection;

/**
 * A set of strings that answers "is this part of a text one of them?" without copying the part out, so counting
 * tokens allocates nothing. Open addressing over {@link String#hashCode()}-compatible hashes.
 */
final class KnownPieces {

    private final String[] table;
    private final int mask;

    KnownPieces(Collection<String> pieces) {
        int capacity = Integer.highestOneBit(Math.max(16, pieces.size() * 4) - 1) << 1;
        this.table = new String[capacity];
        this.mask = capacity - 1;
        for (String piece : pieces) {
            int slot = spread(piece.hashCode()) & mask;
            while (table[slot] != null && !table[slot].equals(piece)) {
                slot = (slot + 1) & mask;
            }
            table[slot] = piece;
        }
    }

    boolean contains(CharSequence text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int length = end - start;
        for (int slot = spread(hash) & mask; table[slot] != null; slot = (slot + 1) & mask) {
            String candidate = table[slot];
            if (candidate.length() == length && regionEquals(text, start, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(CharSequence text, int start, String candidate) {
        for (int i = 0; i < candidate.length(); i++) {
            if (text.charAt(start + i) != candidate.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
