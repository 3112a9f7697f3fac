package io.llmplatform.document.parsing;

import java.util.List;

/** A document's text in reading order, cut into sections; {@code pages} is set for PDFs. */
public record ParsedDocument(List<Section> sections, Integer pages) {

    public ParsedDocument {
        sections = List.copyOf(sections);
    }
}
