package io.llmplatform.document.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.documents.ChunkHit;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.contracts.documents.SearchMode;
import io.llmplatform.document.DocumentsClient;
import io.llmplatform.document.SampleFiles;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service as a user meets it, both halves real: each format uploaded over HTTP is parsed, chunked,
 * embedded by the real embedding-service, stored in a real Chroma and PostgreSQL, and found by a question whose
 * answer only it holds, with its page or heading.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.CHROMA})
class UploadToSearchTest {

    @DynamicPropertySource
    static void callees(DynamicPropertyRegistry registry) throws Exception {
        RealCallees.register(registry);
        registry.add("platform.documents.index.chroma.url", () -> TestEngines.chroma().baseUrl());
        registry.add("platform.documents.index.chroma.collection", () -> "uploads-" + UUID.randomUUID());
        Path storage = Files.createTempDirectory("document-uploads");
        registry.add("platform.documents.storage.directory", storage::toString);
        registry.add("platform.documents.ingestion.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Test
    void everyFormatIsFoundByAQuestionOnlyItAnswers() {
        RealCallees.User user = RealCallees.newUser();
        DocumentsClient documents = new DocumentsClient(port);
        SearchClient search = new SearchClient(port);
        Map<String, UUID> uploaded = new LinkedHashMap<>();
        uploaded.put("pdf", documents.uploaded(user.token(), "orchard.pdf", SampleFiles.pdf(
                "The orchard opens at dawn for visitors.",
                "Quince trees in the orchard are pruned every February by the gardeners."), null));
        uploaded.put("docx", documents.uploaded(user.token(), "bikes.docx", SampleFiles.docx(
                "#Maintenance", "Bicycle chains should be oiled after every ride in the rain."), null));
        uploaded.put("html", documents.uploaded(user.token(), "volcano.html", SampleFiles.html(
                "<h1>Geology</h1><p>The volcano last erupted in 1783 and covered the valley in ash.</p>"), null));
        uploaded.put("markdown", documents.uploaded(user.token(), "tea.md", SampleFiles.text(
                "# Brewing\nGreen tea tastes best steeped for two minutes at eighty degrees.\n"), null));
        uploaded.put("text", documents.uploaded(user.token(), "trains.txt", SampleFiles.text(
                "The night train to Vienna leaves platform nine at eleven in the evening."), null));

        uploaded.forEach((format, id) -> assertThat(documents.awaitFinal(id, user.token()).get("status").asString())
                .as(format).isEqualTo("STORED"));

        assertThat(top(search.search(user, "When are the quince trees pruned?", SearchMode.VECTOR, 3)))
                .satisfies(hit -> {
                    assertThat(hit.documentId()).isEqualTo(uploaded.get("pdf"));
                    assertThat(hit.page()).isEqualTo(2);
                    assertThat(hit.documentName()).isEqualTo("orchard.pdf");
                });
        assertThat(top(search.search(user, "How often should I oil my bike chain?", SearchMode.VECTOR, 3)))
                .satisfies(hit -> {
                    assertThat(hit.documentId()).isEqualTo(uploaded.get("docx"));
                    assertThat(hit.heading()).isEqualTo("Maintenance");
                });
        assertThat(top(search.search(user, "When did the volcano erupt?", SearchMode.HYBRID, 3)))
                .satisfies(hit -> {
                    assertThat(hit.documentId()).isEqualTo(uploaded.get("html"));
                    assertThat(hit.heading()).isEqualTo("Geology");
                });
        assertThat(top(search.search(user, "How long do I steep green tea?", SearchMode.VECTOR, 3)))
                .satisfies(hit -> {
                    assertThat(hit.documentId()).isEqualTo(uploaded.get("markdown"));
                    assertThat(hit.heading()).isEqualTo("Brewing");
                });
        assertThat(top(search.search(user, "Which platform does the Vienna train leave from?", SearchMode.KEYWORD, 3)))
                .satisfies(hit -> assertThat(hit.documentId()).isEqualTo(uploaded.get("text")));

        RealCallees.User stranger = RealCallees.newUser();
        assertThat(search.search(stranger, "When are the quince trees pruned?", SearchMode.HYBRID, 5).results())
                .isEmpty();
    }

    private static ChunkHit top(DocumentSearchResponse response) {
        assertThat(response.results()).isNotEmpty();
        return response.results().getFirst();
    }
}
