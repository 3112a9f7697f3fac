package io.llmplatform.simulator.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The one tokenizer of the simulator: usage, {@code /tokenize}, {@code /detokenize} and the context length all count
 * with it. Text splits like a GPT-style pre-tokenizer, the regex {@code  ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]| +|\s}
 * (a word with its leading space, a number, one other character, a run of spaces, one whitespace character), written
 * out by hand so that counting allocates nothing. A piece that is not a known word and is longer than four characters
 * is cut into chunks of four, roughly as BPE would. Special tokens such as {@code <|im_start|>} are one token each.
 */
public final class SimulatedTokenizer {

    private static final int MAX_CHUNK = 4;

    private final Vocabulary vocabulary = new Vocabulary();

    /** Receives each token as a part of the text. */
    @FunctionalInterface
    interface TokenSink {
        void token(String text, int start, int end);
    }

    /** The text of every token, in order; concatenated they give the text back. */
    public List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        forEachToken(text, (source, start, end) -> pieces.add(source.substring(start, end)));
        return pieces;
    }

    public int count(String text) {
        int[] count = {0};
        forEachToken(text, (source, start, end) -> count[0]++);
        return count[0];
    }

    public List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>();
        forEachToken(text, (source, start, end) -> ids.add(vocabulary.id(source.substring(start, end))));
        return ids;
    }

    /** The text of the token ids; throws {@link IllegalArgumentException} naming the first id no token has. */
    public String decode(List<Integer> ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            String piece = vocabulary.piece(id);
            if (piece == null) {
                throw new IllegalArgumentException("Token id " + id + " is out of vocabulary (size "
                        + vocabulary.size() + ").");
            }
            text.append(piece);
        }
        return text.toString();
    }

    public int vocabularySize() {
        return vocabulary.size();
    }

    private void forEachToken(String text, TokenSink sink) {
        int start = 0;
        int special = text.indexOf("<|");
        while (special >= 0) {
            String token = specialTokenAt(text, special);
            if (token != null) {
                splitPlainText(text, start, special, sink);
                sink.token(text, special, special + token.length());
                start = special + token.length();
            }
            special = text.indexOf("<|", token != null ? start : special + 2);
        }
        splitPlainText(text, start, text.length(), sink);
    }

    private static String specialTokenAt(String text, int index) {
        for (String token : Vocabulary.SPECIAL_TOKENS) {
            if (text.startsWith(token, index)) {
                return token;
            }
        }
        return null;
    }

    private void splitPlainText(String text, int from, int to, TokenSink sink) {
        int i = from;
        while (i < to) {
            int end = pieceEnd(text, i, to);
            emit(text, i, end, sink);
            i = end;
        }
    }

    private static int pieceEnd(String text, int i, int to) {
        char c = text.charAt(i);
        if (c == ' ' && i + 1 < to) {
            char next = text.charAt(i + 1);
            if (isLetter(next)) {
                return letterRunEnd(text, i + 1, to);
            }
            if (isDigit(next)) {
                return digitRunEnd(text, i + 1, to);
            }
            if (!isWhitespace(next)) {
                return i + 1 + Character.charCount(text.codePointAt(i + 1));
            }
            int end = i;
            while (end < to && text.charAt(end) == ' ') {
                end++;
            }
            return end;
        }
        if (isLetter(c)) {
            return letterRunEnd(text, i, to);
        }
        if (isDigit(c)) {
            return digitRunEnd(text, i, to);
        }
        return isWhitespace(c) ? i + 1 : i + Character.charCount(text.codePointAt(i));
    }

    private void emit(String text, int start, int end, TokenSink sink) {
        if (end - start <= MAX_CHUNK || vocabulary.isKnown(text, start, end)) {
            sink.token(text, start, end);
            return;
        }
        for (int chunk = start; chunk < end; chunk += MAX_CHUNK) {
            sink.token(text, chunk, Math.min(end, chunk + MAX_CHUNK));
        }
    }

    private static int letterRunEnd(String text, int i, int to) {
        while (i < to && isLetter(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digitRunEnd(String text, int i, int to) {
        while (i < to && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Java's {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
