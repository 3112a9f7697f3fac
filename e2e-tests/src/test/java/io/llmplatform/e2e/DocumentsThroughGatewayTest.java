package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.auth.ApiKeyCreateRequest;
import io.llmplatform.contracts.auth.ApiKeyCreated;
import io.llmplatform.contracts.documents.ChunkHit;
import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.contracts.documents.SearchMode;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A user's documents through the gateway: upload a Markdown file and a PDF, follow their ingestion as server-sent
 * events to {@code stored}, find the answer to a question by vector and hybrid search with its document, page and
 * heading; nobody else sees them; deleted, they are no longer found; an unsupported file is refused; an API key
 * does all of it as well as a token. Embeddings come from embedding-service's in-process model, vectors go to the
 * Chroma the launcher started.
 */
@ExtendWith(PlatformExtension.class)
class DocumentsThroughGatewayTest {

    private static final String HANDBOOK = """
            # Lighthouse maintenance
            The keeper services the lamp of the Kerrow lighthouse every fourteen days and replaces its mercury bath
            each spring.

            # Visiting hours
            Visitors may climb the tower of the lighthouse on Saturdays between ten in the morning and four in the
            afternoon.
            """;

    private final GatewayClient gateway;

    DocumentsThroughGatewayTest(PlatformUnderTest platform) {
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void uploadedMarkdownAndPdfAreFollowedToStoredAndTheirAnswersFoundByVectorAndHybridSearch() {
        User user = gateway.newUser();
        UUID handbook = uploaded(user.accessToken(), "handbook.md", HANDBOOK.getBytes(StandardCharsets.UTF_8));
        UUID terms = uploaded(user.accessToken(), "terms.pdf", pdf(
                "The warehouse in Bergen stores four thousand crates of dried cod.",
                "Invoices are paid by bank transfer within thirty days of delivery."));

        List<Event> handbookEvents = statusEvents(user.accessToken(), handbook);
        List<Event> termsEvents = statusEvents(user.accessToken(), terms);

        assertThat(List.of(handbookEvents, termsEvents)).allSatisfy(events -> {
            assertThat(events.getLast().name()).as("%s", events).isEqualTo("stored");
            assertThat(events.getLast().data().get("status").asString()).isEqualTo("STORED");
            assertThat(events.getLast().data().get("embeddedChunks").asInt())
                    .isEqualTo(events.getLast().data().get("chunks").asInt()).isPositive();
        });
        ChunkHit visiting = search(user.accessToken(), "When can visitors climb the lighthouse tower?",
                SearchMode.VECTOR).getFirst();
        assertThat(visiting.documentId()).isEqualTo(handbook);
        assertThat(visiting.documentName()).isEqualTo("handbook.md");
        assertThat(visiting.heading()).isEqualTo("Visiting hours");
        assertThat(visiting.text()).contains("Saturdays");
        ChunkHit invoices = search(user.accessToken(), "How many days until invoices are paid?", SearchMode.HYBRID)
                .getFirst();
        assertThat(invoices.documentId()).isEqualTo(terms);
        assertThat(invoices.documentName()).isEqualTo("terms.pdf");
        assertThat(invoices.page()).isEqualTo(2);
        assertThat(invoices.text()).contains("thirty days");
    }

    @Test
    void anotherUserFindsNoneOfAUsersDocumentsAndADeletedDocumentIsNoLongerFound() {
        User owner = gateway.newUser();
        User other = gateway.newUser();
        UUID handbook = uploaded(owner.accessToken(), "handbook.md", HANDBOOK.getBytes(StandardCharsets.UTF_8));
        assertThat(statusEvents(owner.accessToken(), handbook).getLast().name()).isEqualTo("stored");
        String question = "When can visitors climb the lighthouse tower?";

        Reply othersView = gateway.get("/api/v1/documents/" + handbook, other.accessToken());
        Reply othersDelete = gateway.send(gateway.request("/api/v1/documents/" + handbook, other.accessToken())
                .DELETE());

        assertThat(othersView.status()).isEqualTo(404);
        assertThat(othersView.json().get("code").asString()).isEqualTo("not_found");
        assertThat(othersDelete.status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/documents", other.accessToken()).json().get("totalItems").asLong()).isZero();
        for (SearchMode mode : SearchMode.values()) {
            assertThat(search(other.accessToken(), question, mode)).as("%s search by another user", mode).isEmpty();
        }
        assertThat(search(owner.accessToken(), question, SearchMode.HYBRID)).isNotEmpty();

        Reply deleted = gateway.send(gateway.request("/api/v1/documents/" + handbook, owner.accessToken()).DELETE());

        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(gateway.get("/api/v1/documents/" + handbook, owner.accessToken()).status()).isEqualTo(404);
        for (SearchMode mode : SearchMode.values()) {
            assertThat(search(owner.accessToken(), question, mode)).as("%s search after the delete", mode).isEmpty();
        }
    }

    @Test
    void anUnsupportedFileIsRefusedWith415AndTheProblemBodyAndNothingIsKept() {
        User user = gateway.newUser();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
                0, 0, 0, 1, 8, 6, 0, 0, 0};

        Reply refused = upload(user.accessToken(), "diagram.png", png);

        assertThat(refused.status()).as("%s", refused).isEqualTo(415);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("unsupported_media_type");
        assertThat(refused.json().get("status").asInt()).isEqualTo(415);
        assertThat(refused.json().get("detail").asString()).isNotBlank();
        assertThat(gateway.get("/api/v1/documents", user.accessToken()).json().get("totalItems").asLong()).isZero();
    }

    @Test
    void anApiKeyUploadsFollowsSearchesAndDeletesLikeItsOwnersToken() {
        User user = gateway.newUser();
        Reply created = gateway.post("/api/v1/auth/api-keys", user.accessToken(),
                new ApiKeyCreateRequest("document program", null));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String key = created.as(ApiKeyCreated.class).key();

        UUID handbook = uploaded(key, "handbook.md", HANDBOOK.getBytes(StandardCharsets.UTF_8));
        List<Event> events = statusEvents(key, handbook);
        List<ChunkHit> found = search(key, "How often is the lighthouse lamp serviced?", SearchMode.VECTOR);
        Reply viewedWithToken = gateway.get("/api/v1/documents/" + handbook, user.accessToken());
        Reply deleted = gateway.send(gateway.request("/api/v1/documents/" + handbook, key).DELETE());

        assertThat(events.getLast().name()).isEqualTo("stored");
        assertThat(found.getFirst().documentId()).isEqualTo(handbook);
        assertThat(found.getFirst().heading()).isEqualTo("Lighthouse maintenance");
        assertThat(viewedWithToken.status()).as("the key's documents are its owner's").isEqualTo(200);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(search(key, "How often is the lighthouse lamp serviced?", SearchMode.VECTOR)).isEmpty();
    }

    /** One server-sent event: its name and its JSON data. */
    private record Event(String name, JsonNode data) {
    }

    /** The document's status stream, read to its end (it ends after {@code stored} or {@code failed}). */
    private List<Event> statusEvents(String token, UUID document) {
        HttpResponse<Stream<String>> response;
        try {
            response = gateway.http().send(gateway.request("/api/v1/documents/" + document + "/status", token)
                    .header("Accept", "text/event-stream").timeout(java.time.Duration.ofSeconds(120)).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()));
                } else if (line.isEmpty() && name != null) {
                    events.add(new Event(name, GatewayClient.JSON.readTree(data.toString())));
                    name = null;
                    data.setLength(0);
                }
            }
        }
        assertThat(events).as("the status stream's events").isNotEmpty();
        return events;
    }

    private List<ChunkHit> search(String token, String question, SearchMode mode) {
        Reply reply = gateway.post("/api/v1/documents/search", token,
                new DocumentSearchRequest(question, null, null, 3, null, mode, null));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        DocumentSearchResponse response = reply.as(DocumentSearchResponse.class);
        assertThat(response.mode()).isEqualTo(mode);
        return response.results();
    }

    private UUID uploaded(String token, String fileName, byte[] content) {
        Reply accepted = upload(token, fileName, content);
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        assertThat(accepted.header("Location")).endsWith("/api/v1/documents/" + accepted.json().get("id")
                .asString());
        return UUID.fromString(accepted.json().get("id").asString());
    }

    private Reply upload(String token, String fileName, byte[] content) {
        return gateway.uploadDocument(token, fileName, content, null);
    }

    /** A PDF with one page per text, written by PDFBox in a standard font. */
    private static byte[] pdf(String... pages) {
        try (PDDocument document = new PDDocument()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    content.newLineAtOffset(50, 740);
                    content.showText(text);
                    content.endText();
                }
                document.addPage(page);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
