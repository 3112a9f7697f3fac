package io.llmplatform.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.document.DocumentsClient.Event;
import io.llmplatform.document.DocumentsClient.Events;
import io.llmplatform.document.TestChunkIndex.Behaviour;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DocumentApiTest extends DocumentServiceIntegrationTest {

    @Test
    void anotherUsersDeleteDoesNotTouchAQueuedDocument() throws Exception {
        index.behave("queued.md", Behaviour.HOLD);
        UUID held = api.uploaded(token, "queued.md", SampleFiles.text("# A\none\n\n# B\ntwo\n\n# C\nthree"), null);
        index.awaitHeld();
        UUID waiting = api.uploaded(token, "waiting.txt", SampleFiles.text("still mine"), null);

        HttpResponse<String> strangerDelete = api.call("DELETE", "/api/v1/documents/" + waiting, tokenOfAnotherUser(),
                null);
        index.releaseHeld();

        assertThat(strangerDelete.statusCode()).isEqualTo(404);
        assertThat(api.awaitFinal(held, token).get("status").asString()).isEqualTo("STORED");
        assertThat(api.awaitFinal(waiting, token).get("status").asString()).isEqualTo("STORED");
    }

    @Test
    void anotherUsersDocumentIsNotFoundOnEveryRoute() {
        UUID id = api.uploaded(token, "private.txt", SampleFiles.text("my secrets"), "private");
        api.awaitFinal(id, token);
        UUID collection = UUID.fromString(api.get("/api/v1/collections", token).at("/0/id").asString());
        String stranger = tokenOfAnotherUser();

        List<HttpResponse<String>> attempts = List.of(
                api.call("GET", "/api/v1/documents/" + id, stranger, null),
                api.call("GET", "/api/v1/documents/" + id + "/status", stranger, null),
                api.call("POST", "/api/v1/documents/" + id + "/reindex", stranger, null),
                api.call("DELETE", "/api/v1/documents/" + id, stranger, null),
                api.call("DELETE", "/api/v1/collections/" + collection, stranger, null));
        int streamStatus;
        try (Events events = api.events(id, stranger)) {
            streamStatus = events.response().statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThat(attempts).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.uri()).isEqualTo(404);
            assertThat(DocumentsClient.json(response).get("code").asString()).isEqualTo("not_found");
        });
        assertThat(streamStatus).isEqualTo(404);
        assertThat(api.get("/api/v1/documents", stranger).get("totalItems").asLong()).isZero();
        assertThat(api.get("/api/v1/collections", stranger).isEmpty()).isTrue();
        assertThat(api.get("/api/v1/documents?collection=private", stranger).get("totalItems").asLong()).isZero();
        assertThat(api.get("/api/v1/documents/" + id, token).get("status").asString()).isEqualTo("STORED");
        assertThat(index.chunksOf(id)).hasSize(1);
    }

    @Test
    void listingsPageNewestFirstAndFilterByCollectionAndStatus() {
        index.behave("broken.txt", Behaviour.FAIL_ALWAYS);
        UUID first = api.uploaded(token, "one.txt", SampleFiles.text("one"), "alpha");
        UUID second = api.uploaded(token, "two.txt", SampleFiles.text("two"), "beta");
        UUID third = api.uploaded(token, "broken.txt", SampleFiles.text("three"), "alpha");
        List.of(first, second, third).forEach(id -> api.awaitFinal(id, token));

        JsonNode page = api.get("/api/v1/documents?size=2", token);
        JsonNode secondPage = api.get("/api/v1/documents?size=2&page=1", token);

        assertThat(page.get("items").valueStream().map(d -> d.get("name").asString()))
                .containsExactly("broken.txt", "two.txt");
        assertThat(page.get("totalItems").asLong()).isEqualTo(3);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(secondPage.get("items").valueStream().map(d -> d.get("name").asString()))
                .containsExactly("one.txt");
        assertThat(names("/api/v1/documents?collection=alpha")).containsExactly("broken.txt", "one.txt");
        assertThat(names("/api/v1/documents?collection=alpha&status=STORED")).containsExactly("one.txt");
        assertThat(names("/api/v1/documents?status=FAILED")).containsExactly("broken.txt");
    }

    @Test
    void pagingAndFiltersOutOfBoundsAreValidationFailures() {
        List<String> refused = List.of("/api/v1/documents?size=0", "/api/v1/documents?size=101",
                "/api/v1/documents?page=-1", "/api/v1/documents?page=99999999", "/api/v1/documents?status=DONE",
                "/api/v1/documents/not-a-uuid");

        assertThat(refused).allSatisfy(path -> {
            HttpResponse<String> response = api.call("GET", path, token, null);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(DocumentsClient.json(response).get("code").asString()).as(path).isEqualTo("validation_failed");
        });
    }

    @Test
    void theStatusStreamSendsEachStepInOrderAndEndsWhenStored() throws Exception {
        index.behave("slow.md", Behaviour.HOLD);
        String markdown = String.join("\n\n", java.util.Collections.nCopies(6, "# Part\nSome words here."));
        UUID id = api.uploaded(token, "slow.md", SampleFiles.text(markdown), null);
        List<Event> events = new ArrayList<>();

        try (Events stream = api.events(id, token)) {
            assertThat(stream.response().headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");
            index.awaitHeld();
            for (Event event; (event = stream.next()) != null; ) {
                events.add(event);
                if (event.name().equals("embedding") && event.data().get("embeddedChunks").asInt() == 2) {
                    index.releaseHeld();
                }
            }
        }

        List<String> names = events.stream().map(Event::name).toList();
        assertThat(names.getLast()).isEqualTo("stored");
        assertThat(names).contains("embedding").isSortedAccordingTo(java.util.Comparator.comparingInt(
                name -> List.of("queued", "parsing", "chunking", "embedding", "stored").indexOf(name)));
        List<Integer> embedded = events.stream().filter(e -> e.name().equals("embedding"))
                .map(e -> e.data().get("embeddedChunks").asInt()).toList();
        assertThat(embedded).contains(2).isSorted();
        assertThat(events.getLast().data().get("chunks").asInt()).isEqualTo(6);
        assertThat(events.getLast().data().get("embeddedChunks").asInt()).isEqualTo(6);
    }

    @Test
    void theStatusStreamOfAFailedDocumentEndsWithTheReason() {
        UUID id = api.uploaded(token, "bad.pdf", SampleFiles.corruptPdf(), null);
        api.awaitFinal(id, token);
        List<Event> events = new ArrayList<>();

        try (Events stream = api.events(id, token)) {
            for (Event event; (event = stream.next()) != null; ) {
                events.add(event);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("failed");
            assertThat(event.data().get("failureReason").asString()).contains("could not be read as PDF");
        });
    }

    @Test
    void collectionsAreCreatedListedAndDeletedWithTheirDocuments() {
        HttpResponse<String> created = api.call("POST", "/api/v1/collections", token, "{\"name\":\"Research\"}");
        HttpResponse<String> duplicate = api.call("POST", "/api/v1/collections", token, "{\"name\":\"Research\"}");
        HttpResponse<String> invalid = api.call("POST", "/api/v1/collections", token, "{\"name\":\"a/b\"}");
        UUID inside = api.uploaded(token, "paper.txt", SampleFiles.text("findings"), "Research");
        UUID outside = api.uploaded(token, "other.txt", SampleFiles.text("elsewhere"), null);
        api.awaitFinal(inside, token);
        api.awaitFinal(outside, token);
        JsonNode listed = api.get("/api/v1/collections", token);
        String researchId = DocumentsClient.json(created).get("id").asString();

        HttpResponse<String> deleted = api.call("DELETE", "/api/v1/collections/" + researchId, token, null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(DocumentsClient.json(duplicate).get("code").asString()).isEqualTo("conflict");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(listed.valueStream().map(c -> c.get("name").asString() + ":" + c.get("documents").asLong()))
                .containsExactly("Research:1", "default:1");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.call("GET", "/api/v1/documents/" + inside, token, null).statusCode()).isEqualTo(404);
        assertThat(index.chunksOf(inside)).isEmpty();
        assertThat(fileKept(inside)).isFalse();
        assertThat(index.chunksOf(outside)).hasSize(1);
        assertThat(api.get("/api/v1/collections", token).valueStream().map(c -> c.get("name").asString()))
                .containsExactly("default");
    }

    @Test
    void theBacklogGaugeCountsDocumentsWaitingForIngestion() throws Exception {
        index.behave("backlog.md", Behaviour.HOLD);
        UUID id = api.uploaded(token, "backlog.md", SampleFiles.text("# A\none\n\n# B\ntwo\n\n# C\nthree"), null);
        index.awaitHeld();

        double whileHeld = backlog();
        index.releaseHeld();
        api.awaitFinal(id, token);

        assertThat(whileHeld).isGreaterThanOrEqualTo(1);
        assertThat(backlog()).isLessThan(whileHeld);
    }

    private double backlog() {
        String scrape = api.call("GET", "/actuator/prometheus", token, null).body();
        return scrape.lines().filter(line -> line.startsWith("platform_documents_ingestion_backlog"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    private List<String> names(String path) {
        return api.get(path, token).get("items").valueStream().map(d -> d.get("name").asString()).toList();
    }
}
