package io.llmplatform.chat.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.llmplatform.contracts.chat.RagOptions;
import io.llmplatform.contracts.documents.ChunkHit;
import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.SearchMode;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's view of document-service's search for one request's filters: each hit becomes a {@link Content}
 * whose segment carries the chunk's text and where it came from, and whose {@link ContentMetadata#SCORE} is the
 * hit's score, best first as document-service ranked them.
 */
final class DocumentContentRetriever implements ContentRetriever {

    static final String DOCUMENT_ID = "documentId";
    static final String DOCUMENT_NAME = "documentName";
    static final String COLLECTION = "collection";
    static final String CHUNK_INDEX = "chunkIndex";
    static final String PAGE = "page";
    static final String HEADING = "heading";
    /** document-service takes queries of at most this many characters; a longer question searches by its start. */
    static final int MAX_QUERY_CHARS = 10_000;

    private final DocumentSearchClient documents;
    private final RagOptions options;
    private final SearchMode mode;

    DocumentContentRetriever(DocumentSearchClient documents, RagOptions options, SearchMode mode) {
        this.documents = documents;
        this.options = options;
        this.mode = mode;
    }

    @Override
    public List<Content> retrieve(Query query) {
        String text = query.text().length() > MAX_QUERY_CHARS ? query.text().substring(0, MAX_QUERY_CHARS)
                : query.text();
        var found = documents.search(new DocumentSearchRequest(text, options.collections(), options.documentIds(),
                options.topKOrDefault(), options.minScore(), mode, null));
        List<ChunkHit> hits = found == null || found.results() == null ? List.of() : found.results();
        return hits.stream().filter(hit -> hit.text() != null && !hit.text().isBlank())
                .map(DocumentContentRetriever::content).toList();
    }

    private static Content content(ChunkHit hit) {
        Metadata metadata = new Metadata().put(DOCUMENT_ID, hit.documentId()).put(CHUNK_INDEX, hit.chunkIndex());
        if (hit.documentName() != null) {
            metadata.put(DOCUMENT_NAME, hit.documentName());
        }
        if (hit.collection() != null) {
            metadata.put(COLLECTION, hit.collection());
        }
        if (hit.page() != null) {
            metadata.put(PAGE, hit.page());
        }
        if (hit.heading() != null) {
            metadata.put(HEADING, hit.heading());
        }
        return Content.from(TextSegment.from(hit.text(), metadata), Map.of(ContentMetadata.SCORE, hit.score()));
    }
}
