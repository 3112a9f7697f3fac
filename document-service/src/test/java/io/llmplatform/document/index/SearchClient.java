package io.llmplatform.document.index;

import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.contracts.documents.SearchMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/documents/search} on the service under test, as a user calls it. */
final class SearchClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI endpoint;

    SearchClient(int port) {
        this.endpoint = URI.create("http://localhost:" + port + "/api/v1/documents/search");
    }

    DocumentSearchResponse search(RealCallees.User user, String query, SearchMode mode, int topK) {
        return search(user, new DocumentSearchRequest(query, null, null, topK, null, mode, null));
    }

    DocumentSearchResponse search(RealCallees.User user, String query, List<UUID> documentIds) {
        return search(user, new DocumentSearchRequest(query, null, documentIds, 10, null, SearchMode.HYBRID, null));
    }

    DocumentSearchResponse search(RealCallees.User user, DocumentSearchRequest request) {
        HttpResponse<String> response = post(user.token(), JSON.writeValueAsString(request));
        if (response.statusCode() != 200) {
            throw new AssertionError("search answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), DocumentSearchResponse.class);
    }

    HttpResponse<String> post(String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
