package io.llmplatform.document;

import io.llmplatform.testkit.http.MultipartForm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** document-service's HTTP API as a client calls it: raw requests, answers exactly as sent. */
public final class DocumentsClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public DocumentsClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** A multipart upload; {@code collection} and {@code metadata} are left out when null. */
    public HttpResponse<String> upload(String token, String fileName, byte[] content, String collection,
            String metadata) {
        MultipartForm form = MultipartForm.withFile("file", fileName, content).field("collection", collection)
                .field("metadata", metadata);
        return send(request("/api/v1/documents", token).header("Content-Type", form.contentType())
                .POST(form.publisher()).build());
    }

    /** Uploads and answers the new document's id, failing unless the upload was accepted. */
    public UUID uploaded(String token, String fileName, byte[] content, String collection) {
        HttpResponse<String> response = upload(token, fileName, content, collection, null);
        if (response.statusCode() != 202) {
            throw new AssertionError("upload of " + fileName + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return UUID.fromString(json(response).get("id").asString());
    }

    public HttpResponse<String> call(String method, String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public JsonNode get(String path, String token) {
        HttpResponse<String> response = call("GET", path, token, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** Polls the document's status until it satisfies {@code until}, for at most 60 s. */
    public JsonNode awaitStatus(UUID id, String token, Predicate<JsonNode> until) {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode status = get("/api/v1/documents/" + id + "/status", token);
        while (!until.test(status)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("document " + id + " stayed at " + status);
            }
            sleep();
            status = get("/api/v1/documents/" + id + "/status", token);
        }
        return status;
    }

    /** Waits until the document is STORED or FAILED. */
    public JsonNode awaitFinal(UUID id, String token) {
        return awaitStatus(id, token, status -> status.get("status").asString().matches("STORED|FAILED"));
    }

    /** Opens the status stream; {@link Events#next()} reads one event at a time. */
    public Events events(UUID id, String token) {
        try {
            HttpResponse<java.io.InputStream> response = HTTP.send(request("/api/v1/documents/" + id + "/status",
                    token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Events(response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A server-sent event: its name and its JSON data. */
    public record Event(String name, JsonNode data) {
    }

    /** The events of one stream, read as they come; null at the stream's end. */
    public static final class Events implements AutoCloseable {
        private final HttpResponse<java.io.InputStream> response;
        private final BufferedReader lines;

        Events(HttpResponse<java.io.InputStream> response) {
            this.response = response;
            this.lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        public HttpResponse<java.io.InputStream> response() {
            return response;
        }

        public Event next() {
            try {
                String name = null;
                List<String> data = new ArrayList<>();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty() && name != null) {
                        return new Event(name, JSON.readTree(String.join("\n", data)));
                    }
                    if (line.startsWith("event:")) {
                        name = line.substring("event:".length()).strip();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring("data:".length()));
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }
}
