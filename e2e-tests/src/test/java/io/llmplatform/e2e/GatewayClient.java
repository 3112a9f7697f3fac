package io.llmplatform.e2e;

import io.llmplatform.contracts.auth.LoginRequest;
import io.llmplatform.contracts.auth.RegisterRequest;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.auth.UserView;
import io.llmplatform.testkit.http.MultipartForm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a UI app does over HTTP: plain JSON requests to the gateway, with or without a bearer token. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(PlatformUnderTest platform) {
        this(platform.gateway());
    }

    GatewayClient(URI gateway) {
        this.gateway = gateway;
    }

    /** A signed-in user of the platform. */
    record User(UUID id, String email, String password, String accessToken, String refreshToken) {
    }

    /** Registers a new user and logs them in. */
    User newUser() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = name + "@example.com";
        Reply registered = post("/api/v1/auth/register", null, new RegisterRequest(email, name, PASSWORD));
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        UserView user = registered.as(UserView.class);
        TokenResponse tokens = login(email, PASSWORD);
        return new User(user.id(), email, PASSWORD, tokens.accessToken(), tokens.refreshToken());
    }

    TokenResponse login(String login, String password) {
        Reply reply = post("/api/v1/auth/login", null, new LoginRequest(login, password));
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return reply.as(TokenResponse.class);
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    Reply post(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Reply patch(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** {@code POST /api/v1/documents}: a multipart upload of one file, into {@code collection} when not null. */
    Reply uploadDocument(String token, String fileName, byte[] content, String collection) {
        MultipartForm form = MultipartForm.withFile("file", fileName, content).field("collection", collection);
        return send(request("/api/v1/documents", token).header("Content-Type", form.contentType())
                .POST(form.publisher()));
    }

    /** Uploads a document and waits until its ingestion ends; fails unless it ends {@code STORED}. */
    UUID uploadStoredDocument(String token, String fileName, byte[] content, String collection) {
        Reply accepted = uploadDocument(token, fileName, content, collection);
        if (accepted.status() != 202) {
            throw new AssertionError("upload of " + fileName + " answered " + accepted);
        }
        UUID id = UUID.fromString(accepted.json().get("id").asString());
        String status = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/api/v1/documents/" + id + "/status", token).json().get("status").asString(),
                        ended -> ended.equalsIgnoreCase("stored") || ended.equalsIgnoreCase("failed"));
        if (!status.equalsIgnoreCase("stored")) {
            throw new AssertionError(fileName + " ended " + status + ": " + get("/api/v1/documents/" + id, token));
        }
        return id;
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the gateway did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpClient http() {
        return http;
    }

    /** A response: its status, headers and body. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        <T> T as(Class<T> type) {
            return JSON.readValue(body, type);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
