package io.llmplatform.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.ConnectionDroppingService;
import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Services that are not running, drop connections, or answer too late: the gateway answers fast with 503 or 504 in
 * the caller's error shape, retries only what is safe, and stops calling a service that keeps failing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines(Engine.TOKEN_ISSUER)
class DownstreamResilienceTest {

    private static final String NOT_RUNNING = "http://127.0.0.1:" + FreePorts.next();
    private static final ConnectionDroppingService FLAKY = ConnectionDroppingService.start();
    private static final ConnectionDroppingService FAILING = ConnectionDroppingService.start();
    private static final FakeService SLOW = FakeService.start("embedding-service");
    private static final FakeService CHAT = FakeService.start("chat-service");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Patient enough that a hanging gateway would fail the test rather than the client giving up first.
    private static final HttpClient HTTP = HttpClient.newBuilder().build();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String prefix = "platform.gateway.routing.";
        registry.add(prefix + "services.auth-service", () -> NOT_RUNNING);
        registry.add(prefix + "services.model-manager-service", FLAKY::url);
        registry.add(prefix + "services.document-service", FAILING::url);
        registry.add(prefix + "services.embedding-service", SLOW::url);
        registry.add(prefix + "services.chat-service", CHAT::url);
        // Every service also gets its OpenAPI document routed: a service whose name does not resolve.
        registry.add(prefix + "services.ghost-service", () -> "http://ghost-service.invalid:8086");
        registry.add(prefix + "route-classes.embeddings.response-timeout", () -> "300ms");
        registry.add(prefix + "route-classes.chat.response-timeout", () -> "5s");
        // Only a service failing every call opens its breaker here, whatever order the tests run in.
        registry.add(prefix + "circuit-breaker.failure-rate-threshold", () -> 100);
        registry.add(prefix + "circuit-breaker.sliding-window-size", () -> 4);
        registry.add(prefix + "circuit-breaker.minimum-number-of-calls", () -> 4);
        registry.add(prefix + "circuit-breaker.wait-in-open-state", () -> "60s");
    }

    @BeforeEach
    void resetServices() {
        SLOW.reset();
        CHAT.reset();
        FLAKY.dropNext(0);
    }

    @Test
    void aServiceThatIsNotRunningIsA503InTheCallersShape() {
        HttpResponse<String> platform = send("GET", "/api/v1/usage");
        HttpResponse<String> anonymous = send("POST", "/api/v1/auth/register");

        assertThat(platform.statusCode()).isEqualTo(503);
        assertThat(platform.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(platform).get("code").asString()).isEqualTo("service_unavailable");
        assertThat(json(platform).get("detail").asString()).contains("auth-service");
        assertThat(anonymous.statusCode()).isEqualTo(503);
    }

    @Test
    void aServiceWhoseHostDoesNotResolveIsA503() {
        HttpResponse<String> response = send("GET", "/v3/api-docs/ghost-service");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("code").asString()).isEqualTo("service_unavailable");
        assertThat(json(response).get("detail").asString()).contains("ghost-service");
    }

    @Test
    void underV1AnUnreachableServiceIsA503InOpenAisShape() {
        FLAKY.dropNext(Integer.MAX_VALUE);

        HttpResponse<String> response = send("GET", "/v1/models");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).at("/error/code").asString()).isEqualTo("service_unavailable");
        assertThat(json(response).at("/error/type").asString()).isEqualTo("server_error");
        assertThat(FLAKY.requests()).as("the first attempt and two retries").isEqualTo(3);
    }

    @Test
    void aGetIsRetriedWhenTheServiceHangsUp() {
        FLAKY.dropNext(1);

        HttpResponse<String> response = send("GET", "/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(FLAKY.requests()).isEqualTo(2);
    }

    @Test
    void aGetIsRetriedWhenAReplicaAnswers503() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CHAT.answer((exchange, request) -> {
            if (calls.incrementAndGet() == 1) {
                FakeService.respond(exchange, 503, "application/json", "{\"error\":\"shutting down\"}");
            } else {
                FakeService.respond(exchange, 200, "application/json", "{\"data\":[]}");
            }
        });

        HttpResponse<String> response = send("GET", "/api/v1/conversations");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"data\":[]}");
        assertThat(CHAT.requests()).hasSize(2);
    }

    @Test
    void aPostIsNeverRetried() {
        FLAKY.dropNext(1);

        HttpResponse<String> response = send("POST", "/api/v1/models/switch");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(FLAKY.requests()).isEqualTo(1);
    }

    @Test
    void aResponseThatDoesNotStartInTimeIsA504() {
        SLOW.answer((exchange, request) -> {
            Thread.sleep(3_000);
            FakeService.respond(exchange, 200, "application/json", "{}");
        });

        HttpResponse<String> response = send("POST", "/v1/embeddings");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("gateway_timeout");
        assertThat(json(response).at("/error/type").asString()).isEqualTo("server_error");
    }

    @Test
    void aChatStreamMayTakeLongerToStartThanOtherRoutes() {
        CHAT.answer((exchange, request) -> {
            // chat-service sends its headers with the first token: slower than the embeddings route allows.
            Thread.sleep(1_000);
            FakeService.respond(exchange, 200, "text/event-stream", "data: first token\n\n");
        });

        HttpResponse<String> response = send("POST", "/v1/chat/completions");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("data: first token\n\n");
    }

    @Test
    void aServiceThatKeepsFailingIsNoLongerCalledUntilItsBreakerRetries() {
        FAILING.dropNext(Integer.MAX_VALUE);
        for (int i = 0; i < 4; i++) {
            assertThat(send("POST", "/api/v1/documents").statusCode()).isEqualTo(503);
        }

        HttpResponse<String> shortCircuited = send("POST", "/api/v1/documents");
        String scrape = send("GET", "/actuator/prometheus").body();

        assertThat(shortCircuited.statusCode()).isEqualTo(503);
        assertThat(json(shortCircuited).get("code").asString()).isEqualTo("service_unavailable");
        assertThat(shortCircuited.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(FAILING.requests()).isEqualTo(4);
        assertThat(scrape).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"document-service\"[^}]*state=\"open\"} 1");
    }

    @Test
    void aServiceAnsweringWithAnErrorIsUpAndItsAnswerPassesThrough() {
        CHAT.answer((exchange, request) -> FakeService.respond(exchange, 503, "application/json",
                "{\"error\":{\"code\":\"model_unavailable\"}}"));
        for (int i = 0; i < 6; i++) {
            send("POST", "/v1/chat/completions");
        }

        HttpResponse<String> response = send("POST", "/v1/chat/completions");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(CHAT.requests()).hasSize(7);
    }

    private HttpResponse<String> send(String method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20))
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
