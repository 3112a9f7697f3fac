package io.llmplatform.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.document.TestChunkIndex.Behaviour;
import io.llmplatform.document.index.ChunkDraft;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IngestionTest extends DocumentServiceIntegrationTest {

    @Test
    void everyFormatIsIngestedWithItsPagesAndHeadings() {
        UUID pdf = api.uploaded(token, "report.pdf", SampleFiles.pdf("Apples grow on trees.",
                "Pears are sweeter."), null);
        UUID docx = api.uploaded(token, "guide.docx", SampleFiles.docx("#Install", "Run the installer.",
                "#Use", "Open the app."), null);
        UUID html = api.uploaded(token, "page.html", SampleFiles.html("<h1>Welcome</h1><p>Hello.</p>"), null);
        UUID markdown = api.uploaded(token, "notes.md", SampleFiles.text("# Setup\nInstall it.\n\n## Run\nGo."), null);
        UUID text = api.uploaded(token, "plain.txt", SampleFiles.text("Just some plain text."), null);

        List.of(pdf, docx, html, markdown, text).forEach(id ->
                assertThat(api.awaitFinal(id, token).get("status").asString()).as(id.toString()).isEqualTo("STORED"));
        assertThat(index.chunksOf(pdf)).extracting(ChunkDraft::page, ChunkDraft::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "Apples grow on trees."),
                org.assertj.core.groups.Tuple.tuple(2, "Pears are sweeter."));
        assertThat(index.chunksOf(docx)).extracting(ChunkDraft::heading).containsExactly("Install", "Use");
        assertThat(index.chunksOf(html)).extracting(ChunkDraft::heading, ChunkDraft::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Welcome", "Hello."));
        assertThat(index.chunksOf(markdown)).extracting(ChunkDraft::heading).containsExactly("Setup", "Run");
        assertThat(index.chunksOf(text)).extracting(ChunkDraft::text).containsExactly("Just some plain text.");
        JsonNode pdfView = api.get("/api/v1/documents/" + pdf, token);
        assertThat(pdfView.get("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(pdfView.get("pages").asInt()).isEqualTo(2);
        assertThat(pdfView.get("chunks").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/documents/" + markdown, token).get("mediaType").asString())
                .isEqualTo("text/markdown");
    }

    @Test
    void ingestedDocumentsTheirPagesAndChunksAreCountedForOperators() {
        String before = api.call("GET", "/actuator/prometheus", token, null).body();

        UUID pdf = api.uploaded(token, "counted.pdf", SampleFiles.pdf("One page.", "Two pages.", "Three."), null);
        UUID corrupt = api.uploaded(token, "counted-corrupt.pdf", SampleFiles.corruptPdf(), null);
        api.awaitFinal(pdf, token);
        api.awaitFinal(corrupt, token);
        HttpResponse<String> scrape = api.call("GET", "/actuator/prometheus", token, null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        String after = scrape.body();
        assertThat(increase(before, after, "platform_documents_ingested_total", "outcome=\"stored\"")).isEqualTo(1);
        assertThat(increase(before, after, "platform_documents_ingested_total", "outcome=\"failed\"")).isEqualTo(1);
        assertThat(increase(before, after, "platform_documents_pages_parsed_total", "")).isEqualTo(3);
        assertThat(increase(before, after, "platform_documents_chunks_stored_total", "")).isEqualTo(3);
        assertThat(increase(before, after, "platform_documents_ingestion_duration_seconds_count",
                "outcome=\"stored\"")).isEqualTo(1);
        assertThat(after).contains("platform_documents_ingestion_duration_seconds_bucket{",
                "platform_documents_ingestion_backlog{");
    }

    @Test
    void unreadableFilesFailWithTheirReasonAndStoreNothing() {
        Map<String, UUID> failing = Map.of(
                "corrupt.pdf", api.uploaded(token, "corrupt.pdf", SampleFiles.corruptPdf(), null),
                "encrypted.pdf", api.uploaded(token, "encrypted.pdf", SampleFiles.encryptedPdf("secret"), null),
                "bomb.docx", api.uploaded(token, "bomb.docx", SampleFiles.zipBombDocx(50), null),
                "blank.pdf", api.uploaded(token, "blank.pdf", SampleFiles.pdf(""), null));

        Map<String, String> reasons = failing.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> api.awaitFinal(entry.getValue(), token).get("failureReason").asString()));

        assertThat(reasons.get("corrupt.pdf")).contains("could not be read as PDF");
        assertThat(reasons.get("encrypted.pdf")).contains("encrypted");
        assertThat(reasons.get("bomb.docx")).contains("zip bomb");
        assertThat(reasons.get("blank.pdf")).contains("no text");
        failing.values().forEach(id -> {
            assertThat(api.get("/api/v1/documents/" + id, token).get("status").asString()).isEqualTo("FAILED");
            assertThat(index.callsFor(id)).isEmpty();
        });
    }

    @Test
    void filesRefusedAtUploadLeaveNothingBehind() {
        long filesBefore = storedFiles();

        HttpResponse<String> empty = api.upload(token, "empty.txt", new byte[0], null, null);
        HttpResponse<String> junk = api.upload(token, "report.pdf", SampleFiles.binaryJunk(), null, null);
        HttpResponse<String> tooLarge = api.upload(token, "big.txt", SampleFiles.text("a".repeat(2_500_000)), null,
                null);
        HttpResponse<String> overTheRequestLimit = api.upload(token, "huge.txt",
                SampleFiles.text("a".repeat(3_500_000)), null, null);

        HttpResponse<String> noFile = api.call("POST", "/api/v1/documents", token, "{}");
        assertThat(noFile.statusCode()).isEqualTo(415);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(DocumentsClient.json(empty).at("/errors/0/field").asString()).isEqualTo("file");
        assertThat(junk.statusCode()).isEqualTo(415);
        assertThat(DocumentsClient.json(junk).get("code").asString()).isEqualTo("unsupported_media_type");
        assertThat(List.of(tooLarge, overTheRequestLimit)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(DocumentsClient.json(response).get("code").asString()).isEqualTo("payload_too_large");
        });
        assertThat(api.get("/api/v1/documents", token).get("totalItems").asLong()).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void badMetadataOrCollectionNamesAreValidationFailures() {
        byte[] file = SampleFiles.text("text");

        HttpResponse<String> notJson = api.upload(token, "a.txt", file, null, "{not json");
        HttpResponse<String> notAnObject = api.upload(token, "a.txt", file, null, "[1, 2]");
        HttpResponse<String> withNul = api.upload(token, "a.txt", file, null, "{\"a\":\"\\u0000\"}");
        HttpResponse<String> badCollection = api.upload(token, "a.txt", file, "../etc", null);

        assertThat(List.of(notJson, notAnObject, withNul)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(DocumentsClient.json(response).get("code").asString()).isEqualTo("validation_failed");
            assertThat(DocumentsClient.json(response).at("/errors/0/field").asString()).isEqualTo("metadata");
        });
        assertThat(DocumentsClient.json(badCollection).at("/errors/0/field").asString()).isEqualTo("collection");
        assertThat(api.get("/api/v1/documents", token).get("totalItems").asLong()).isZero();
    }

    @Test
    void metadataCollectionAndNameAreKeptAsSent() {
        HttpResponse<String> response = api.upload(token, "C:\\Users\\me\\plan.txt", SampleFiles.text("plan"),
                "Team notes", "{\"team\":\"blue\",\"year\":2026}");

        JsonNode document = DocumentsClient.json(response);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/api/v1/documents/" + document.get("id").asString());
        assertThat(document.get("name").asString()).isEqualTo("plan.txt");
        assertThat(document.get("collection").asString()).isEqualTo("Team notes");
        assertThat(document.get("status").asString()).isEqualTo("QUEUED");
        assertThat(document.at("/metadata/year").asInt()).isEqualTo(2026);
    }

    @Test
    void anUnavailableIndexIsRetriedWithGrowingWaitsUntilItWorks() {
        index.behave("flaky.txt", Behaviour.FAIL_TWICE);
        UUID id = api.uploaded(token, "flaky.txt", SampleFiles.text("retry me"), null);

        JsonNode done = api.awaitFinal(id, token);

        assertThat(done.get("status").asString()).isEqualTo("STORED");
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(index.chunksOf(id)).hasSize(1);
        assertThat(gapsBetweenCalls(id)).satisfies(gaps -> {
            assertThat(gaps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(gaps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        });
    }

    @Test
    void anIndexThatStaysUnavailableFailsTheDocumentAfterTheLastAttempt() {
        index.behave("doomed.txt", Behaviour.FAIL_ALWAYS);
        UUID id = api.uploaded(token, "doomed.txt", SampleFiles.text("never stored"), null);

        JsonNode waiting = api.awaitStatus(id, token, status -> status.has("lastError"));
        JsonNode done = api.awaitFinal(id, token);

        assertThat(waiting.get("status").asString()).isEqualTo("QUEUED");
        assertThat(waiting.get("lastError").asString()).isEqualTo("embedding-service is unreachable");
        assertThat(waiting.has("nextAttemptAt")).isTrue();
        assertThat(done.get("status").asString()).isEqualTo("FAILED");
        assertThat(done.get("failureReason").asString())
                .isEqualTo("Embedding and storing the chunks failed 3 times; last: embedding-service is unreachable");
        assertThat(index.callsFor(id)).hasSize(3);
        assertThat(index.chunksOf(id)).isEmpty();
    }

    @Test
    void reindexingRunsTheKeptFileAgainAndLeavesOneCopy() {
        UUID id = api.uploaded(token, "again.md", SampleFiles.text("# A\none\n\n# B\ntwo"), null);
        api.awaitFinal(id, token);

        HttpResponse<String> reindex = api.call("POST", "/api/v1/documents/" + id + "/reindex", token, null);
        api.awaitStatus(id, token, status -> index.callsFor(id).size() == 2
                && status.get("status").asString().equals("STORED"));

        assertThat(reindex.statusCode()).isEqualTo(202);
        assertThat(index.chunksOf(id)).extracting(ChunkDraft::text).containsExactly("one", "two");
    }

    @Test
    void deletingADocumentRemovesItsChunksFileJobAndRow() {
        UUID id = api.uploaded(token, "gone.txt", SampleFiles.text("soon gone"), null);
        api.awaitFinal(id, token);
        assertThat(fileKept(id)).isTrue();

        HttpResponse<String> deleted = api.call("DELETE", "/api/v1/documents/" + id, token, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(index.chunksOf(id)).isEmpty();
        assertThat(index.deletes()).contains(id);
        assertThat(fileKept(id)).isFalse();
        assertThat(rows("documents", id)).isZero();
        assertThat(rows("ingestion_jobs", id)).isZero();
        assertThat(api.call("GET", "/api/v1/documents/" + id, token, null).statusCode()).isEqualTo(404);
    }

    private List<Duration> gapsBetweenCalls(UUID id) {
        List<TestChunkIndex.Call> calls = index.callsFor(id);
        return java.util.stream.IntStream.range(1, calls.size())
                .mapToObj(i -> Duration.between(calls.get(i - 1).at(), calls.get(i).at())).toList();
    }

    private long rows(String table, UUID id) {
        String column = table.equals("documents") ? "id" : "document_id";
        return jdbc.sql("select count(*) from " + table + " where " + column + " = :id").param("id", id)
                .query(Long.class).single();
    }

    /** How much a series of the Prometheus exposition grew: its value in {@code after} less that in {@code before}. */
    private static double increase(String before, String after, String name, String label) {
        return sample(after, name, label) - sample(before, name, label);
    }

    private static double sample(String exposition, String name, String label) {
        return exposition.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + name + " " + label));
    }

    private static long storedFiles() {
        try (var files = java.nio.file.Files.walk(STORAGE)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
