package io.llmplatform.document.parsing;

import java.util.regex.Pattern;

/** Text as chunks store it: no NUL or other control characters (PostgreSQL refuses NUL), tidy line breaks. */
final class TextCleaner {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+\\n");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    static String clean(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        String noControls = CONTROL.matcher(unified).replaceAll(" ");
        String trimmedLines = TRAILING_SPACE.matcher(noControls).replaceAll("\n");
        return BLANK_LINES.matcher(trimmedLines).replaceAll("\n\n").strip();
    }

    private TextCleaner() {
    }
}
