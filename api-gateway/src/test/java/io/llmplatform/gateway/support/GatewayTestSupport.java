package io.llmplatform.gateway.support;

import io.llmplatform.testkit.tokens.TestTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole gateway on a random port in front of five fake services, configured through the environment variables
 * an operator sets. auth-service's signing keys (rotatable) and its client-credentials and key-exchange endpoints
 * have stand-ins. Test classes extending this share one application context: each uses its own users, keys and
 * paths so that buckets and caches do not leak between them; the clock only moves forward.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.AsTheApplicationClock.class)
public abstract class GatewayTestSupport {

    protected static final String GATEWAY_CLIENT_SECRET = "test-only-gateway-secret";
    protected static final MovableClock CLOCK = MovableClock.AsTheApplicationClock.CLOCK;
    protected static final TestTokenIssuer SIGNING_KEYS = TestTokenIssuer.start();
    protected static final AuthServiceStandIn AUTH_SERVICE = new AuthServiceStandIn(SIGNING_KEYS,
            GATEWAY_CLIENT_SECRET, FakeService.namingItself("auth-service"));
    protected static final FakeService AUTH = FakeService.start("auth-service", AUTH_SERVICE);
    protected static final FakeService CHAT = FakeService.start("chat-service");
    protected static final FakeService EMBEDDING = FakeService.start("embedding-service");
    protected static final FakeService DOCUMENT = FakeService.start("document-service");
    protected static final FakeService MODEL_MANAGER = FakeService.start("model-manager-service");
    protected static final List<FakeService> SERVICES = List.of(AUTH, CHAT, EMBEDDING, DOCUMENT, MODEL_MANAGER);

    protected static final String ALLOWED_ORIGIN = "https://chat.example.test";
    protected static final int LOGIN_LIMIT = 3;
    protected static final int CHAT_LIMIT = 5;
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void gatewayInFrontOfFakeServices(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", AUTH::url);
        registry.add("CHAT_SERVICE_URL", CHAT::url);
        registry.add("EMBEDDING_SERVICE_URL", EMBEDDING::url);
        registry.add("DOCUMENT_SERVICE_URL", DOCUMENT::url);
        registry.add("MODEL_MANAGER_SERVICE_URL", MODEL_MANAGER::url);
        registry.add("AUTH_JWKS_URI", SIGNING_KEYS::jwksUri);
        registry.add("AUTH_ISSUER", SIGNING_KEYS::issuer);
        registry.add("GATEWAY_CLIENT_SECRET", () -> GATEWAY_CLIENT_SECRET);
        registry.add("RATE_LIMIT_LOGIN_PER_MINUTE", () -> LOGIN_LIMIT);
        registry.add("RATE_LIMIT_CHAT_PER_MINUTE", () -> CHAT_LIMIT);
        registry.add("CORS_ALLOWED_ORIGINS", () -> ALLOWED_ORIGIN + ",https://docs.example.test");
    }

    @BeforeEach
    void resetServices() {
        SERVICES.forEach(FakeService::reset);
    }

    protected static String tokenFor(UUID userId) {
        return SIGNING_KEYS.tokenFor(userId, "USER");
    }

    protected static String userToken() {
        return tokenFor(UUID.randomUUID());
    }

    protected HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static HttpClient http() {
        return HTTP;
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
