package io.llmplatform.chat.completion;

import io.llmplatform.contracts.openai.Usage;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code chat.completion.chunk} of a stream, read once with a streaming parser instead of a tree: what the relay
 * needs to know (its usage, whether it is the usage-only chunk, whether it carries a token) and the same bytes without
 * the {@code usage} field, cut out rather than re-serialised. Everything else in the chunk passes untouched.
 */
final class StreamChunk {

    private final byte[] json;
    private Usage usage;
    private boolean usageOnly;
    private boolean carriesToken;
    private int usageFrom = -1;
    private int usageTo = -1;

    private StreamChunk(byte[] json) {
        this.json = json;
    }

    static StreamChunk read(JsonMapper mapper, byte[] json) {
        StreamChunk chunk = new StreamChunk(json);
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a stream chunk must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                int nameAt = (int) parser.currentTokenLocation().getByteOffset();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "usage" -> {
                        chunk.usage = value == JsonToken.START_OBJECT ? readUsage(parser) : null;
                        chunk.usageFrom = nameAt;
                        chunk.usageTo = (int) parser.currentLocation().getByteOffset();
                    }
                    case "choices" -> chunk.readChoices(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }
        return chunk;
    }

    /** The usage this chunk reports, or null. */
    Usage usage() {
        return usage;
    }

    /** The final chunk of {@code include_usage}: no choices, only the usage. */
    boolean usageOnly() {
        return usageOnly;
    }

    /** The first choice's delta has content or a tool call: the model has started answering. */
    boolean carriesToken() {
        return carriesToken;
    }

    boolean hasUsageField() {
        return usageFrom >= 0;
    }

    byte[] bytes() {
        return json;
    }

    /** The chunk without its {@code usage} field (and the comma that joined it to the rest). */
    byte[] withoutUsage() {
        if (usageFrom < 0) {
            return json;
        }
        int from = usageFrom;
        int to = usageTo;
        int before = skipWhitespaceBackwards(from - 1);
        if (json[before] == ',') {
            from = before;
        } else {
            int after = skipWhitespaceForwards(to);
            if (after < json.length && json[after] == ',') {
                to = skipWhitespaceForwards(after + 1);
            }
        }
        byte[] stripped = Arrays.copyOf(json, json.length - (to - from));
        System.arraycopy(json, to, stripped, from, json.length - to);
        return stripped;
    }

    private void readChoices(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken first = parser.nextToken();
        if (first == JsonToken.END_ARRAY) {
            usageOnly = true;
            return;
        }
        if (first == JsonToken.START_OBJECT) {
            readFirstChoice(parser);
        } else {
            parser.skipChildren();
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
        }
    }

    private void readFirstChoice(JsonParser parser) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("delta") && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = parser.currentName();
                    JsonToken fieldValue = parser.nextToken();
                    if (field.equals("content") && fieldValue == JsonToken.VALUE_STRING
                            && parser.getTextLength() > 0) {
                        carriesToken = true;
                    } else if (field.equals("tool_calls") && fieldValue != JsonToken.VALUE_NULL) {
                        carriesToken = true;
                    }
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static Usage readUsage(JsonParser parser) {
        int prompt = 0;
        int completion = 0;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && name.equals("prompt_tokens")) {
                prompt = parser.getIntValue();
            } else if (value == JsonToken.VALUE_NUMBER_INT && name.equals("completion_tokens")) {
                completion = parser.getIntValue();
            } else {
                parser.skipChildren();
            }
        }
        return Usage.of(prompt, completion);
    }

    private int skipWhitespaceBackwards(int index) {
        while (index > 0 && isWhitespace(json[index])) {
            index--;
        }
        return index;
    }

    private int skipWhitespaceForwards(int index) {
        while (index < json.length && isWhitespace(json[index])) {
            index++;
        }
        return index;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
