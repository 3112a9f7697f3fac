package io.llmplatform.benchmarks;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an OpenAI-style {@code text/event-stream} as it arrives, without building strings: each {@code data:} line is
 * one event. An event whose {@code "content"} (chat) or {@code "text"} (completions) is a non-empty string carries a
 * token; the time of the first one is the time to first token. The stream's token count is the
 * {@code completion_tokens} of its usage chunk when there is one, else the number of token events. A stream is
 * complete once {@code data: [DONE]} arrives.
 */
final class SseTokenCounter {

    private static final byte[] DATA = ascii("data:");
    private static final byte[] DONE = ascii("[DONE]");
    // Searched without their opening quote, which is the commonest byte in JSON; the quote is checked after a match.
    private static final byte[] CONTENT = ascii("content\":\"");
    private static final byte[] TEXT = ascii("text\":\"");
    private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens\":");

    private byte[] line = new byte[1024];
    private int lineLength;
    private int tokenEvents;
    private int reportedTokens = -1;
    private long firstTokenNanos;
    private boolean done;

    /** Reads what arrived at {@code nowNanos}. */
    void feed(ByteBuf buffer, long nowNanos) {
        int index = buffer.readerIndex();
        int end = buffer.writerIndex();
        while (index < end) {
            int newline = buffer.indexOf(index, end, (byte) '\n');
            int chunkEnd = newline < 0 ? end : newline;
            append(buffer, index, chunkEnd - index);
            if (newline < 0) {
                break;
            }
            endOfLine(nowNanos);
            index = newline + 1;
        }
    }

    /** Token events seen, or the usage chunk's {@code completion_tokens} when the stream sent one. */
    int tokens() {
        return reportedTokens >= 0 ? reportedTokens : tokenEvents;
    }

    int tokenEvents() {
        return tokenEvents;
    }

    /** When the first token arrived, or 0 if none has. */
    long firstTokenNanos() {
        return firstTokenNanos;
    }

    boolean done() {
        return done;
    }

    private void append(ByteBuf buffer, int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        buffer.getBytes(from, line, lineLength, length);
        lineLength += length;
    }

    private void endOfLine(long nowNanos) {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (!startsWith(line, length, DATA)) {
            return;
        }
        int payload = DATA.length + (length > DATA.length && line[DATA.length] == ' ' ? 1 : 0);
        if (length - payload == DONE.length && indexOf(line, payload, length, DONE) == payload) {
            done = true;
            return;
        }
        // One search for most events: a chunk with content or text is not a usage chunk.
        int value = stringValueAt(payload, length, CONTENT);
        if (value < 0) {
            value = stringValueAt(payload, length, TEXT);
        }
        if (value >= 0) {
            if (value < length && line[value] != '"') {
                tokenEvents++;
                if (firstTokenNanos == 0) {
                    firstTokenNanos = nowNanos;
                }
            }
            return;
        }
        int usage = indexOf(line, payload, length, COMPLETION_TOKENS);
        if (usage > payload && line[usage - 1] == '"') {
            reportedTokens = readInt(usage + COMPLETION_TOKENS.length, length);
        }
    }

    /** Where the string value of {@code "field":"} starts, or -1 when the line has no such field. */
    private int stringValueAt(int from, int length, byte[] field) {
        int at = from;
        while ((at = indexOf(line, at, length, field)) >= 0) {
            if (at > from && line[at - 1] == '"') {
                return at + field.length;
            }
            at++;
        }
        return -1;
    }

    private int readInt(int from, int length) {
        int value = 0;
        int i = from;
        while (i < length && line[i] == ' ') {
            i++;
        }
        while (i < length && line[i] >= '0' && line[i] <= '9') {
            value = value * 10 + (line[i++] - '0');
        }
        return value;
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        return length >= prefix.length && indexOf(bytes, 0, prefix.length, prefix) == 0;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
