package io.llmplatform.document.parsing;

/**
 * A run of a document's text under one heading and, for PDFs, on one page: chunks never cross from one section
 * into the next. {@code heading} is null before the first heading and in formats without headings.
 */
public record Section(String heading, Integer page, String text) {
}
