package io.llmplatform.document.parsing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts Markdown at its headings: ATX ({@code # Title} to {@code ###### Title}) and setext (a line underlined with
 * {@code ===} or {@code ---}). Lines inside fenced code blocks are never headings. The text keeps its Markdown.
 */
final class MarkdownSections {

    private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    static List<Section> of(String markdown) {
        List<Section> sections = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String heading = null;
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                lines.add(line);
                continue;
            }
            Matcher atx = inFence ? null : ATX.matcher(line);
            if (atx != null && atx.matches()) {
                add(sections, heading, lines);
                heading = atx.group(1) == null ? "" : atx.group(1).strip();
                continue;
            }
            if (!inFence && SETEXT.matcher(line).matches() && !lines.isEmpty() && !lines.getLast().isBlank()
                    && (lines.size() == 1 || lines.get(lines.size() - 2).isBlank())) {
                String title = lines.removeLast().strip();
                add(sections, heading, lines);
                heading = title;
                continue;
            }
            lines.add(line);
        }
        add(sections, heading, lines);
        return sections;
    }

    private static void add(List<Section> sections, String heading, List<String> lines) {
        String text = TextCleaner.clean(String.join("\n", lines));
        lines.clear();
        if (!text.isBlank()) {
            sections.add(new Section(heading == null || heading.isBlank() ? null : heading, null, text));
        }
    }

    private MarkdownSections() {
    }
}
