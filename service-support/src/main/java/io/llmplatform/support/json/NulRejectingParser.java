package io.llmplatform.support.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * Refuses a string value or property name that holds NUL ({@code "\u0000"} in JSON) as soon as the parser reaches it,
 * whatever reads it next: a record, a {@code JsonNode}, a map. Every method that advances the stream is checked.
 */
final class NulRejectingParser extends JsonParserDelegate {

    NulRejectingParser(JsonParser delegate) {
        super(delegate);
    }

    @Override
    public JsonToken nextToken() {
        return checked(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() {
        return checked(delegate.nextValue());
    }

    @Override
    public String nextName() {
        String name = delegate.nextName();
        checked(delegate.currentToken());
        return name;
    }

    @Override
    public boolean nextName(SerializableString expected) {
        boolean matched = delegate.nextName(expected);
        checked(delegate.currentToken());
        return matched;
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) {
        int match = delegate.nextNameMatch(matcher);
        checked(delegate.currentToken());
        return match;
    }

    private JsonToken checked(JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            char[] text = delegate.getStringCharacters();
            int end = delegate.getStringOffset() + delegate.getStringLength();
            for (int i = delegate.getStringOffset(); i < end; i++) {
                if (text[i] == '\0') {
                    throw new NulCharacterException(this, pathOf(delegate.streamReadContext()));
                }
            }
        } else if (token == JsonToken.PROPERTY_NAME && delegate.currentName().indexOf('\0') >= 0) {
            throw new NulCharacterException(this, pathOf(delegate.streamReadContext()));
        }
        return token;
    }

    /** {@code messages[0].content}: the form Bean Validation's paths and the platform's error bodies use. */
    static String pathOf(TokenStreamContext context) {
        StringBuilder path = new StringBuilder();
        append(path, context);
        return path.isEmpty() ? "body" : path.toString();
    }

    private static void append(StringBuilder path, TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return;
        }
        append(path, context.getParent());
        if (context.inArray()) {
            path.append('[').append(Math.max(context.getCurrentIndex(), 0)).append(']');
        } else if (context.currentName() != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(context.currentName().replace("\0", "\\u0000"));
        }
    }
}
