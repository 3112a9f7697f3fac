package io.llmplatform.support.security;

import java.util.function.Predicate;

/**
 * The header names and values Spring Security's strict firewalls accept (assigned Unicode characters, no control
 * characters; a value may also hold tabs), checked without the regular expressions the firewalls use by default,
 * which cost more than the rest of a proxied request's header handling.
 */
public final class HeaderCharacters {

    /** A header name: assigned characters, none of them a control character. */
    public static final Predicate<String> ALLOWED_NAMES = name -> allAllowed(name, false);

    /** A header value: the same, and tabs. */
    public static final Predicate<String> ALLOWED_VALUES = value -> allAllowed(value, true);

    private HeaderCharacters() {
    }

    /** Null is what a firewall checks for an absent header: nothing to refuse. */
    static boolean allAllowed(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c < 0x20 || c >= 0x7f) {
                // Control characters are U+0000-U+001F and U+007F-U+009F; above ASCII a character may be unassigned.
                boolean tab = c == '\t' && tabAllowed;
                int type = Character.getType(c);
                if (!tab && (type == Character.CONTROL || type == Character.UNASSIGNED)) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
