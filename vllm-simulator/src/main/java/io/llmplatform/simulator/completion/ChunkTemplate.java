package io.llmplatform.simulator.completion;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The bytes Jackson writes for a content chunk, split around its choice index and its text, so that the many content
 * chunks of a stream are written by copying bytes instead of serialising a record each time. Built from Jackson's own
 * output of a sample chunk, so both agree byte for byte.
 */
final class ChunkTemplate {

    static final String TEXT_MARKER = "@@simulator-text@@";

    private final byte[] beforeIndex;
    private final byte[] beforeText;
    private final byte[] afterText;

    /**
     * @param sampleJson Jackson's serialisation of a chunk whose only choice has index 0 and text {@link #TEXT_MARKER}
     */
    ChunkTemplate(String sampleJson) {
        String indexField = "\"index\":0";
        int index = sampleJson.indexOf(indexField);
        int text = sampleJson.indexOf("\"" + TEXT_MARKER + "\"");
        if (index < 0 || text < index) {
            throw new IllegalStateException("unexpected chunk layout: " + sampleJson);
        }
        this.beforeIndex = bytes(sampleJson.substring(0, index + indexField.length() - 1));
        this.beforeText = bytes(sampleJson.substring(index + indexField.length(), text));
        this.afterText = bytes(sampleJson.substring(text + TEXT_MARKER.length() + 2));
    }

    void write(ByteBuf out, int choiceIndex, String text) {
        out.writeBytes(beforeIndex);
        if (choiceIndex < 10) {
            out.writeByte('0' + choiceIndex);
        } else {
            out.writeBytes(bytes(Integer.toString(choiceIndex)));
        }
        out.writeBytes(beforeText);
        out.writeByte('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.writeByte('"');
        out.writeBytes(afterText);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
