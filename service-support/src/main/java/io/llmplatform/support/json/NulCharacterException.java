package io.llmplatform.support.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;

/** A JSON string or property name held the NUL character; {@link #field()} says where, as the client wrote it. */
public final class NulCharacterException extends StreamReadException {

    private final String field;

    NulCharacterException(JsonParser parser, String field) {
        super(parser, "'" + field + "' contains the NUL character (\\u0000)");
        this.field = field;
    }

    /** The path of the offending value, like {@code messages[0].content}. */
    public String field() {
        return field;
    }
}
