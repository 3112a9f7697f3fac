package io.llmplatform.chat.completion;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a server-sent event stream, as bytes: the relay passes event data on without decoding it to text.
 * Knows whether more of the stream has already arrived, so that events that came together are flushed together.
 */
final class SseLines implements AutoCloseable {

    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];

    SseLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its line break, or null at the end of the stream. */
    byte[] next() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return length == 0 ? null : Arrays.copyOf(line, length);
            }
            while (position < limit) {
                byte b = buffer[position++];
                if (b == '\n') {
                    if (length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    return Arrays.copyOf(line, length);
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        }
    }

    /**
     * Nothing more of the stream has arrived yet: a good moment to flush what was relayed. The blank line that ends
     * an event does not count (it is skipped here), or every event would wait for the next one.
     */
    boolean nothingBuffered() throws IOException {
        while (position < limit && (buffer[position] == '\n' || buffer[position] == '\r')) {
            position++;
        }
        return position == limit && in.available() == 0;
    }

    static boolean isData(byte[] line) {
        return line.length >= DATA.length && Arrays.equals(line, 0, DATA.length, DATA, 0, DATA.length);
    }

    /** The data of a {@code data:} line, without the one optional space after the colon. */
    static byte[] dataOf(byte[] line) {
        int from = line.length > DATA.length && line[DATA.length] == ' ' ? DATA.length + 1 : DATA.length;
        return Arrays.copyOfRange(line, from, line.length);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
