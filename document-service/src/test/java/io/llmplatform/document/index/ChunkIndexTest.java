package io.llmplatform.document.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.documents.ChunkHit;
import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.contracts.documents.SearchMode;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.document.embedding.ChunkEmbedder;
import io.llmplatform.document.vectorstore.ChunkVectors;
import io.llmplatform.support.feign.ActingForUser;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.usage.UsageTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chunk index against a real Chroma, PostgreSQL, auth-service (tokens, document-service's client credentials)
 * and embedding-service (MiniLM in process): chunks as ingestion hands them over, searched as users search.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.CHROMA})
class ChunkIndexTest {

    @DynamicPropertySource
    static void callees(DynamicPropertyRegistry registry) {
        RealCallees.register(registry);
        registry.add("platform.documents.index.chroma.url", () -> TestEngines.chroma().baseUrl());
        // One collection per run: the Chroma server is shared by every test class of the JVM.
        registry.add("platform.documents.index.chroma.collection", () -> "chunks-" + UUID.randomUUID());
        registry.add("platform.documents.embedding.batch-size", () -> "2");
    }

    @Autowired
    ChunkIndex index;
    @Autowired
    ChunkVectors vectors;
    @Autowired
    ChunkEmbedder embedder;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    SearchClient client;
    RealCallees.User alice;

    @BeforeEach
    void users() {
        client = new SearchClient(port);
        alice = RealCallees.newUser();
    }

    static final List<String> MANUAL = List.of(
            "The espresso machine carries a two-year warranty covering the pump and the boiler; wear parts such as "
                    + "gaskets are excluded.",
            "Descale the espresso machine every month with citric acid to keep limescale out of the boiler.",
            "The grinder has forty settings; finer settings slow the shot down and make it more bitter.");

    /** Near-identical part numbers, and the one asked for inside a chunk that is mostly about something else. */
    static final List<String> PARTS = List.of(
            "Part ZX-4471-A: boiler gasket.",
            "Part ZX-4471-C: pressure valve.",
            "Part ZX-4417-B: steam wand.",
            "Part XZ-4471-B: drip tray.",
            "Shipping and returns: orders leave the warehouse within two business days, returns are accepted for "
                    + "thirty days with the receipt, refunds reach the card within a week, and the replacement seal "
                    + "ZX-4471-B ships separately from the rest of the order.");

    UUID ingest(RealCallees.User owner, String collection, List<String> texts) {
        return ingest(owner, null, collection, texts);
    }

    UUID ingest(RealCallees.User owner, UUID apiKeyId, String collection, List<String> texts) {
        UUID documentId = UUID.randomUUID();
        index.replace(new IndexedDocument(documentId, owner.id(), apiKeyId, "manual.pdf", collection),
                drafts(texts), (done, total) -> { });
        return documentId;
    }

    /** The query's vector, embedded for {@code user} as an ingestion worker would. */
    float[] queryVector(RealCallees.User user, String query) {
        return ActingForUser.call(user.id(), null, () -> embedder.embedQuery(query));
    }

    static List<ChunkDraft> drafts(List<String> texts) {
        List<ChunkDraft> drafts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            drafts.add(new ChunkDraft(i, texts.get(i), i + 1, "Section " + (i + 1), texts.get(i).split(" ").length));
        }
        return drafts;
    }

    @Test
    void replacedChunksAreFoundByAQuestionWhoseAnswerIsInThem() {
        UUID document = ingest(alice, "manuals", MANUAL);

        DocumentSearchResponse found = client.search(alice, "How long is the guarantee on the coffee maker?",
                SearchMode.VECTOR, 2);

        assertThat(found.mode()).isEqualTo(SearchMode.VECTOR);
        assertThat(found.results()).hasSize(2);
        ChunkHit best = found.results().getFirst();
        assertThat(best.text()).contains("two-year warranty");
        assertThat(best).extracting(ChunkHit::documentId, ChunkHit::documentName, ChunkHit::collection,
                ChunkHit::chunkIndex, ChunkHit::page, ChunkHit::heading)
                .containsExactly(document, "manual.pdf", "manuals", 0, 1, "Section 1");
        assertThat(best.score()).isBetween(0.0, 1.0).isGreaterThan(found.results().get(1).score());
    }

    @Test
    void everyEmbeddingBatchOfAnIngestionIsTimedAsAWait() {
        Timer waits = meters.timer("platform.documents.embedding.wait", "outcome", "success");
        long before = waits.count();
        double secondsBefore = waits.totalTime(TimeUnit.SECONDS);

        ingest(alice, "manuals", MANUAL);

        // Three chunks in batches of two: two calls to embedding-service, each waited on for some time.
        assertThat(waits.count() - before).isEqualTo(2);
        assertThat(waits.totalTime(TimeUnit.SECONDS)).isGreaterThan(secondsBefore);
    }

    @Test
    void replacingTwiceLeavesOneCopyOfTheNewChunks() {
        UUID document = UUID.randomUUID();
        IndexedDocument indexed = new IndexedDocument(document, alice.id(), null, "manual.pdf", "manuals");
        List<int[]> progress = new ArrayList<>();
        index.replace(indexed, drafts(MANUAL), (done, total) -> { });
        index.replace(indexed, drafts(MANUAL.subList(0, 2)), (done, total) -> progress.add(new int[] {done, total}));

        DocumentSearchResponse found = client.search(alice, "espresso machine", SearchMode.HYBRID, 10);

        assertThat(found.results()).extracting(ChunkHit::chunkIndex).containsExactlyInAnyOrder(0, 1);
        assertThat(vectors.nearest(alice.id(), queryVector(alice, "espresso machine"), null, List.of(document),
                10, -1)).hasSize(2);
        // Two chunks in batches of two: one call, reported once.
        assertThat(progress).extracting(step -> step[0] + "/" + step[1]).containsExactly("2/2");
    }

    @Test
    void anotherOwnersChunksAreNeverReturnedEvenByTheirDocumentId() {
        UUID alicesDocument = ingest(alice, "manuals", MANUAL);
        RealCallees.User bob = RealCallees.newUser();
        ingest(bob, "manuals", List.of("Bob's notes on his bicycle: the chain needs oil every month."));

        DocumentSearchResponse asBob = client.search(bob, "espresso machine warranty", List.of(alicesDocument));
        DocumentSearchResponse everythingOfBobs = client.search(bob, "espresso machine warranty boiler",
                SearchMode.HYBRID, 10);

        assertThat(asBob.results()).isEmpty();
        assertThat(everythingOfBobs.results()).extracting(ChunkHit::text).allMatch(text -> text.startsWith("Bob's"));
        // In the store itself: Bob's query never reads Alice's vectors.
        assertThat(vectors.nearest(bob.id(), queryVector(bob, "espresso machine warranty"), null,
                List.of(alicesDocument), 10, -1)).isEmpty();
        assertThat(vectors.nearest(alice.id(), queryVector(alice, "espresso machine warranty"), null,
                List.of(alicesDocument), 10, -1)).hasSize(3);
    }

    @Test
    void everySearchIsTimedByItsModeForOperators() {
        ingest(alice, "parts", PARTS);
        Map<SearchMode, Long> before = searchCounts();

        client.search(alice, "ZX-4471-B", SearchMode.VECTOR, 1);
        client.search(alice, "ZX-4471-B", SearchMode.HYBRID, 1);
        client.search(alice, "ZX-4471-B", SearchMode.HYBRID, 1);

        Map<SearchMode, Long> after = searchCounts();
        assertThat(after.get(SearchMode.VECTOR) - before.get(SearchMode.VECTOR)).isEqualTo(1);
        assertThat(after.get(SearchMode.HYBRID) - before.get(SearchMode.HYBRID)).isEqualTo(2);
        assertThat(after.get(SearchMode.KEYWORD) - before.get(SearchMode.KEYWORD)).isZero();
    }

    private Map<SearchMode, Long> searchCounts() {
        Map<SearchMode, Long> counts = new EnumMap<>(SearchMode.class);
        for (SearchMode mode : SearchMode.values()) {
            counts.put(mode, meters.get("platform.documents.search")
                    .tag("mode", mode.name().toLowerCase(Locale.ROOT)).timer().count());
        }
        return counts;
    }

    @Test
    void hybridFindsAPartNumberThatVectorSearchAloneMisses() {
        ingest(alice, "parts", PARTS);

        DocumentSearchResponse byVector = client.search(alice, "ZX-4471-B", SearchMode.VECTOR, 1);
        DocumentSearchResponse hybrid = client.search(alice, "ZX-4471-B", SearchMode.HYBRID, 1);
        DocumentSearchResponse byKeyword = client.search(alice, "ZX-4471-B", SearchMode.KEYWORD, 5);

        assertThat(byVector.results().getFirst().text()).doesNotContain("ZX-4471-B").startsWith("Part");
        assertThat(hybrid.results().getFirst().text()).contains("ZX-4471-B");
        assertThat(byKeyword.results()).extracting(ChunkHit::text).singleElement().asString().contains("ZX-4471-B");
    }

    @Test
    void rerankOrdersByTheRerankersRelevance() {
        ingest(alice, "manuals", MANUAL);

        DocumentSearchResponse reranked = client.search(alice, new DocumentSearchRequest(
                "how often should I descale", null, null, 3, null, SearchMode.HYBRID, true));

        assertThat(reranked.results()).hasSize(3);
        assertThat(reranked.results().getFirst().text()).startsWith("Descale");
        assertThat(reranked.results()).extracting(ChunkHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void minScoreAndCollectionsNarrowTheVectorHits() {
        ingest(alice, "manuals", MANUAL);
        ingest(alice, "parts", PARTS);

        DocumentSearchResponse onlyParts = client.search(alice, new DocumentSearchRequest("boiler", List.of("parts"),
                null, 10, null, SearchMode.VECTOR, null));
        DocumentSearchResponse nothingThatClose = client.search(alice, new DocumentSearchRequest("boiler", null,
                null, 10, 0.99, SearchMode.VECTOR, null));

        assertThat(onlyParts.results()).isNotEmpty().extracting(ChunkHit::collection).containsOnly("parts");
        assertThat(nothingThatClose.results()).isEmpty();
    }

    @Test
    void deletedDocumentsAreNoLongerFound() {
        UUID document = ingest(alice, "manuals", MANUAL);
        index.delete(alice.id(), document);
        index.delete(alice.id(), document);

        assertThat(client.search(alice, "espresso machine warranty", SearchMode.HYBRID, 10).results()).isEmpty();
        assertThat(vectors.nearest(alice.id(), queryVector(alice, "espresso"), null, null, 10, -1)).isEmpty();
        assertThat(jdbc.sql("select count(*) from chunks where document_id = ?").param(document)
                .query(Long.class).single()).isZero();
    }

    @Test
    void embeddingsAreBilledToTheDocumentsOwnerAndTheirApiKey() {
        UUID apiKey = UUID.randomUUID();
        ingest(alice, apiKey, "manuals", MANUAL);

        List<UsageEvent> usage = UsageTopics.usageEventsOf(TestEngines.kafka().bootstrapServers(), alice.id(), 2,
                Duration.ofSeconds(60));

        // Three chunks in batches of two: two embedding calls, both the owner's, with the key their upload used.
        assertThat(usage).hasSize(2).allSatisfy(event -> {
            assertThat(event.userId()).isEqualTo(alice.id());
            assertThat(event.apiKeyId()).isEqualTo(apiKey);
            assertThat(event.service()).isEqualTo("embedding-service");
            assertThat(event.promptTokens()).isPositive();
        });
    }

    @Test
    void aSearchIsBilledToTheSearchingUser() {
        RealCallees.User carol = RealCallees.newUser();

        client.search(carol, "espresso machine warranty", SearchMode.HYBRID, 3);

        assertThat(UsageTopics.usageEventsOf(TestEngines.kafka().bootstrapServers(), carol.id(), 1,
                Duration.ofSeconds(60))).singleElement().satisfies(event -> {
                    assertThat(event.apiKeyId()).isNull();
                    assertThat(event.promptTokens()).isPositive();
                });
    }

    @Test
    void aServiceActingForAUserSearchesThatUsersChunksAndBillsThem() {
        ingest(alice, "manuals", MANUAL);
        RealCallees.User dave = RealCallees.newUser();
        ingest(dave, "notes", List.of("Dave's espresso notes: the machine's warranty card is in the drawer."));
        UUID davesKey = UUID.randomUUID();

        HttpResponse<String> found = client.post(RealCallees.serviceToken(),
                "{\"query\":\"espresso machine warranty\",\"mode\":\"vector\",\"topK\":10}",
                InternalHeaders.USER_ID, dave.id().toString(), InternalHeaders.API_KEY_ID, davesKey.toString());

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("Dave's espresso notes").doesNotContain("two-year warranty");
        // The ingestion's call, then the search's: the search's went on with the user and key it was made for.
        assertThat(UsageTopics.usageEventsOf(TestEngines.kafka().bootstrapServers(), dave.id(), 2,
                Duration.ofSeconds(60))).extracting(UsageEvent::apiKeyId).containsExactlyInAnyOrder(null, davesKey);
    }

    @Test
    void badSearchesAreRefusedWithTheFieldsNamed() {
        HttpResponse<String> invalid = client.post(alice.token(), "{\"query\":\" \",\"topK\":0,\"minScore\":2}");
        HttpResponse<String> anonymous = client.post(null, "{\"query\":\"espresso\"}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("validation_failed", "query", "topK", "minScore");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
