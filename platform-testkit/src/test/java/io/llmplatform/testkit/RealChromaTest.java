package io.llmplatform.testkit;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LangChain4j's Chroma store against a real Chroma server from the test kit. */
class RealChromaTest {

    private ChromaEmbeddingStore store;

    @BeforeEach
    void storeThreeOwnedSegments() {
        store = ChromaEmbeddingStore.builder()
                .baseUrl(TestEngines.chroma().baseUrl())
                .apiVersion(ChromaApiVersion.V2)
                .tenantName("default_tenant")
                .databaseName("default_database")
                .collectionName("testkit-" + UUID.randomUUID())
                .timeout(Duration.ofSeconds(30))
                .build();
        store.addAll(
                List.of(Embedding.from(new float[] {1f, 0f, 0f}), Embedding.from(new float[] {0.9f, 0.1f, 0f}),
                        Embedding.from(new float[] {0f, 1f, 0f})),
                List.of(segment("alice's report on GPUs", "alice"), segment("bob's notes on GPUs", "bob"),
                        segment("alice's recipe for bread", "alice")));
    }

    @Test
    void nearestMatchRespectsTheMetadataFilter() {
        Embedding query = Embedding.from(new float[] {1f, 0f, 0f});

        List<EmbeddingMatch<TextSegment>> unfiltered = search(query, null, 3);
        List<EmbeddingMatch<TextSegment>> bobsOnly = search(query, metadataKey("owner").isEqualTo("bob"), 3);

        assertThat(unfiltered).extracting(match -> match.embedded().text()).containsExactly(
                "alice's report on GPUs", "bob's notes on GPUs", "alice's recipe for bread");
        assertThat(bobsOnly).extracting(match -> match.embedded().text()).containsExactly("bob's notes on GPUs");
        assertThat(bobsOnly.getFirst().embedded().metadata().getString("owner")).isEqualTo("bob");
    }

    @Test
    void removeByFilterDeletesOnlyTheMatchingSegments() {
        store.removeAll(metadataKey("owner").isEqualTo("alice"));

        List<EmbeddingMatch<TextSegment>> remaining = search(Embedding.from(new float[] {1f, 0f, 0f}), null, 3);

        assertThat(remaining).extracting(match -> match.embedded().text()).containsExactly("bob's notes on GPUs");
    }

    private List<EmbeddingMatch<TextSegment>> search(Embedding query, Filter filter, int maxResults) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).filter(filter)
                .maxResults(maxResults).build()).matches();
    }

    private static TextSegment segment(String text, String owner) {
        return TextSegment.from(text, Metadata.from("owner", owner));
    }
}
