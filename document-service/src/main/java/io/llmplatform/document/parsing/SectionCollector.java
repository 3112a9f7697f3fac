package io.llmplatform.document.parsing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tika's XHTML events into sections: {@code h1}..{@code h6} start a new heading's section, and for PDFs each
 * {@code <div class="page">} starts a new page. Block ends become paragraph breaks, so the splitter can cut there;
 * {@code <head>} (title, metadata) is not text. Counts characters as they come and stops at the cap.
 */
final class SectionCollector extends DefaultHandler {

    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "table", "ul", "ol", "blockquote",
            "pre", "section", "article");

    private final int maxCharacters;
    private final boolean paged;
    private final List<Section> sections = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private StringBuilder heading;
    private String currentHeading;
    private int page;
    private int insideHead;
    private long characters;

    SectionCollector(int maxCharacters, boolean paged) {
        this.maxCharacters = maxCharacters;
        this.paged = paged;
    }

    List<Section> sections() {
        return sections;
    }

    int pages() {
        return page;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = name(localName, qName);
        if (name.equals("head")) {
            insideHead++;
        } else if (paged && name.equals("div") && "page".equals(attributes.getValue("class"))) {
            flush();
            page++;
        } else if (HEADINGS.contains(name)) {
            flush();
            heading = new StringBuilder();
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (name.equals("head")) {
            insideHead--;
        } else if (HEADINGS.contains(name) && heading != null) {
            String title = TextCleaner.clean(heading.toString()).replace('\n', ' ');
            currentHeading = title.isBlank() ? currentHeading : title;
            heading = null;
        } else if (BLOCKS.contains(name)) {
            text.append("\n\n");
        } else if (name.equals("br")) {
            text.append('\n');
        } else if (name.equals("td") || name.equals("th")) {
            text.append(' ');
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (insideHead > 0) {
            return;
        }
        characters += length;
        if (characters > maxCharacters) {
            throw new TextLimitExceeded(maxCharacters);
        }
        (heading != null ? heading : text).append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    @Override
    public void endDocument() {
        flush();
    }

    private void flush() {
        String cleaned = TextCleaner.clean(text.toString());
        text.setLength(0);
        if (!cleaned.isBlank()) {
            sections.add(new Section(currentHeading, paged ? Math.max(page, 1) : null, cleaned));
        }
    }

    private static String name(String localName, String qName) {
        return (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }

    /** Thrown from inside the parse to stop it as soon as the text passes the cap. */
    static final class TextLimitExceeded extends SAXException {
        TextLimitExceeded(int maxCharacters) {
            super("more than " + maxCharacters + " characters of text");
        }
    }
}
