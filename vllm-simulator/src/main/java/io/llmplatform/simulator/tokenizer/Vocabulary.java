package io.llmplatform.simulator.tokenizer;

import io.llmplatform.simulator.generation.EnglishWords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token ids without state: a fixed list of known pieces (special tokens, single characters and the words the random
 * text is made of) takes the first ids; every other piece the tokenizer can produce is at most four ASCII characters,
 * or one non-ASCII character with an optional leading space, and gets an id computed from its characters. So ids are
 * the same in every process, {@code /detokenize} inverts {@code /tokenize}, and memory does not grow with the input.
 */
final class Vocabulary {

    static final String END_OF_TEXT = "<|endoftext|>";
    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";
    static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, IM_START, IM_END);

    /** Characters a chunk of up to four ASCII characters may hold: printable ASCII and ASCII whitespace. */
    private static final String CHUNK_ALPHABET = buildChunkAlphabet();
    private static final int RADIX = CHUNK_ALPHABET.length();
    private static final int CODE_POINTS = Character.MAX_CODE_POINT + 1;

    private final List<String> known;
    private final Map<String, Integer> knownIds;
    private final KnownPieces knownPieces;
    private final int chunkBase;
    private final int codePointBase;
    private final int size;

    Vocabulary() {
        Set<String> pieces = new LinkedHashSet<>(SPECIAL_TOKENS);
        for (int i = 0; i < RADIX; i++) {
            pieces.add(String.valueOf(CHUNK_ALPHABET.charAt(i)));
        }
        pieces.addAll(List.of("system", "developer", "user", "assistant", "tool"));
        for (String word : EnglishWords.all()) {
            String capitalised = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            pieces.addAll(List.of(word, " " + word, capitalised, " " + capitalised));
        }
        this.known = List.copyOf(new ArrayList<>(pieces));
        this.knownIds = new HashMap<>();
        for (int id = 0; id < known.size(); id++) {
            knownIds.put(known.get(id), id);
        }
        this.knownPieces = new KnownPieces(known);
        this.chunkBase = known.size();
        this.codePointBase = chunkBase + RADIX + RADIX * RADIX + RADIX * RADIX * RADIX + RADIX * RADIX * RADIX * RADIX;
        this.size = codePointBase + 2 * CODE_POINTS;
    }

    boolean isKnown(CharSequence text, int start, int end) {
        return knownPieces.contains(text, start, end);
    }

    int size() {
        return size;
    }

    int id(String piece) {
        Integer knownId = knownIds.get(piece);
        if (knownId != null) {
            return knownId;
        }
        int chunkId = chunkId(piece);
        if (chunkId >= 0) {
            return chunkId;
        }
        boolean spaced = piece.charAt(0) == ' ';
        int codePoint = piece.codePointAt(spaced ? 1 : 0);
        return codePointBase + (spaced ? CODE_POINTS : 0) + codePoint;
    }

    /** The piece of a token id, or null when no piece has that id. */
    String piece(int id) {
        if (id < 0 || id >= size) {
            return null;
        }
        if (id < chunkBase) {
            return known.get(id);
        }
        if (id < codePointBase) {
            return chunkPiece(id - chunkBase);
        }
        int offset = id - codePointBase;
        boolean spaced = offset >= CODE_POINTS;
        int codePoint = spaced ? offset - CODE_POINTS : offset;
        if (!Character.isValidCodePoint(codePoint)) {
            return null;
        }
        String text = Character.toString(codePoint);
        return spaced ? " " + text : text;
    }

    private int chunkId(String piece) {
        if (piece.length() > 4) {
            return -1;
        }
        int offset = 0;
        int width = 1;
        for (int length = 1; length < piece.length(); length++) {
            width *= RADIX;
            offset += width;
        }
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            int digit = CHUNK_ALPHABET.indexOf(piece.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value * RADIX + digit;
        }
        return chunkBase + offset + value;
    }

    private static String chunkPiece(int index) {
        int length = 1;
        int width = RADIX;
        while (index >= width) {
            index -= width;
            width *= RADIX;
            length++;
        }
        char[] chars = new char[length];
        for (int i = length - 1; i >= 0; i--) {
            chars[i] = CHUNK_ALPHABET.charAt(index % RADIX);
            index /= RADIX;
        }
        return new String(chars);
    }

    private static String buildChunkAlphabet() {
        StringBuilder alphabet = new StringBuilder(" \t\n\u000B\f\r");
        for (char c = '!'; c <= '~'; c++) {
            alphabet.append(c);
        }
        return alphabet.toString();
    }
}
