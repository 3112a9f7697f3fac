package io.llmplatform.document.index;

/**
 * A chunk as the ingestion pipeline cut it, before it is embedded. {@code page} is set for PDFs (1-based),
 * {@code heading} where the format has headings; {@code tokens} is its length in the chunker's tokens.
 */
public record ChunkDraft(int index, String text, Integer page, String heading, int tokens) {
}
