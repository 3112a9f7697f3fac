package io.llmplatform.document.chunking;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import io.llmplatform.document.index.ChunkDraft;
import io.llmplatform.document.parsing.ParsedDocument;
import io.llmplatform.document.parsing.Section;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Cuts a parsed document into chunks with LangChain4j's recursive splitter (paragraphs, then lines, sentences,
 * words), section by section: a chunk never spans two headings or two PDF pages, and carries its section's heading
 * and page. Chunks are numbered from 0 in reading order.
 */
@Component
@EnableConfigurationProperties(ChunkingProperties.class)
public class Chunker {

    private final DocumentSplitter splitter;

    public Chunker(ChunkingProperties properties) {
        this.splitter = DocumentSplitters.recursive(properties.maxTokens(), properties.overlapTokens(),
                new ApproximateTokenCount());
    }

    public List<ChunkDraft> chunk(ParsedDocument document) {
        List<ChunkDraft> chunks = new ArrayList<>();
        for (Section section : document.sections()) {
            for (TextSegment segment : splitter.split(Document.from(section.text()))) {
                String text = segment.text().strip();
                if (!text.isEmpty()) {
                    chunks.add(new ChunkDraft(chunks.size(), text, section.page(), section.heading(),
                            ApproximateTokenCount.of(text)));
                }
            }
        }
        return chunks;
    }
}
