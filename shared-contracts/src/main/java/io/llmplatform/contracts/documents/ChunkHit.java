package io.llmplatform.contracts.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * One chunk found by a search. {@code page} is set for PDFs, {@code heading} where the format has headings
 * (Markdown, HTML, DOCX). {@code score}: cosine similarity for vector search, the fused or keyword rank score
 * otherwise, the reranker's relevance when reranked; higher is better.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkHit(
        UUID documentId,
        String documentName,
        String collection,
        int chunkIndex,
        Integer page,
        String heading,
        String text,
        double score) {
}
