package io.llmplatform.chat.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import io.llmplatform.contracts.chat.RagOptions;
import io.llmplatform.contracts.documents.ChunkHit;
import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.contracts.documents.SearchMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentContentRetrieverTest {

    private final List<DocumentSearchRequest> asked = new ArrayList<>();
    private final UUID document = UUID.randomUUID();
    private final DocumentSearchClient documents = request -> {
        asked.add(request);
        return new DocumentSearchResponse(SearchMode.HYBRID, List.of(
                new ChunkHit(document, "guide.pdf", "manuals", 4, 3, "Valves", "Valves open at 42 bar.", 0.81),
                new ChunkHit(document, "guide.pdf", "manuals", 5, 3, null, "  ", 0.5)));
    };

    @Test
    void hitsBecomeContentsWithWhereTheyCameFromAndTheirScoreBlankChunksLeftOut() {
        var retriever = new DocumentContentRetriever(documents,
                new RagOptions(List.of("manuals"), null, 3, 0.2, null), SearchMode.VECTOR);

        List<Content> found = retriever.retrieve(Query.from("valve pressure"));

        assertThat(found).singleElement().satisfies(content -> {
            assertThat(content.textSegment().text()).isEqualTo("Valves open at 42 bar.");
            assertThat(content.textSegment().metadata().getUUID("documentId")).isEqualTo(document);
            assertThat(content.textSegment().metadata().getInteger("page")).isEqualTo(3);
            assertThat(content.textSegment().metadata().getString("heading")).isEqualTo("Valves");
            assertThat(content.metadata()).containsEntry(ContentMetadata.SCORE, 0.81);
        });
        assertThat(asked.getFirst()).isEqualTo(new DocumentSearchRequest("valve pressure", List.of("manuals"), null,
                3, 0.2, SearchMode.VECTOR, null));
    }

    @Test
    void aQuestionLongerThanDocumentServiceTakesSearchesByItsStartWithTheDefaultTopK() {
        var retriever = new DocumentContentRetriever(documents, new RagOptions(null, null, null, null, null),
                SearchMode.HYBRID);

        retriever.retrieve(Query.from("x".repeat(12_000)));

        assertThat(asked.getFirst().query()).hasSize(DocumentContentRetriever.MAX_QUERY_CHARS);
        assertThat(asked.getFirst().topK()).isEqualTo(5);
    }
}
