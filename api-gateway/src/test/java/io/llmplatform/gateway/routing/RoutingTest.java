package io.llmplatform.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.gateway.support.GatewayTestSupport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingTest extends GatewayTestSupport {

    static Stream<Arguments> platformPaths() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/auth/me", AUTH),
                Arguments.of("GET", "/api/v1/auth/api-keys", AUTH),
                Arguments.of("GET", "/api/v1/usage?month=2026-01", AUTH),
                Arguments.of("GET", "/api/v1/admin/users?page=2", AUTH),
                Arguments.of("POST", "/v1/chat/completions", CHAT),
                Arguments.of("POST", "/api/v1/chat", CHAT),
                Arguments.of("GET", "/api/v1/chat/presets", CHAT),
                Arguments.of("GET", "/api/v1/conversations/42/messages", CHAT),
                Arguments.of("POST", "/v1/embeddings", EMBEDDING),
                Arguments.of("POST", "/v1/rerank", EMBEDDING),
                Arguments.of("POST", "/api/v1/rerank", EMBEDDING),
                Arguments.of("GET", "/api/v1/embeddings/models", EMBEDDING),
                Arguments.of("GET", "/api/v1/documents/7/status", DOCUMENT),
                Arguments.of("GET", "/api/v1/collections", DOCUMENT),
                Arguments.of("GET", "/v1/models", MODEL_MANAGER),
                Arguments.of("GET", "/api/v1/models/status", MODEL_MANAGER),
                Arguments.of("POST", "/api/v1/models/switch", MODEL_MANAGER));
    }

    // The services are shared by every test: JUnit must not close them after each invocation.
    @ParameterizedTest(name = "{0} {1}", autoCloseArguments = false)
    @MethodSource("platformPaths")
    void eachPathReachesItsServiceUnchanged(String method, String path, FakeService service) {
        HttpRequest request = request(path, "Authorization", bearer(userToken()), "Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"x\":1}"))
                .build();

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(service.requests()).hasSize(1);
        assertThat(service.lastRequest().method()).isEqualTo(method);
        assertThat(service.lastRequest().pathAndQuery()).isEqualTo(path);
        assertThat(SERVICES.stream().filter(other -> other != service).flatMap(other -> other.requests().stream()))
                .isEmpty();
    }

    @Test
    void internalAndUnlistedPathsNeverLeaveTheGateway() {
        String token = bearer(userToken());

        HttpResponse<String> internal = postJson("/internal/v1/api-keys/exchange", "{\"apiKey\":\"sk-x\"}",
                "Authorization", token);
        HttpResponse<String> unlisted = get("/api/v1/authentication", "Authorization", token);

        assertThat(internal.statusCode()).isEqualTo(404);
        assertThat(json(internal).get("code").asString()).isEqualTo("not_found");
        assertThat(unlisted.statusCode()).isEqualTo(404);
        assertThat(SERVICES.stream().flatMap(service -> service.requests().stream())).isEmpty();
    }

    @Test
    void serverSentEventsReachTheClientBeforeTheStreamEnds() throws Exception {
        CountDownLatch clientSawFirstEvent = new CountDownLatch(1);
        CHAT.answer((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // The stream goes on only once the client has the first event: buffering would deadlock here.
            clientSawFirstEvent.await(15, TimeUnit.SECONDS);
            out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        });

        HttpResponse<InputStream> response = http().send(request("/api/v1/chat/stream",
                "Authorization", bearer(userToken()), "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            boolean firstArrivedAlone = clientSawFirstEvent.getCount() == 1;
            clientSawFirstEvent.countDown();

            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(first).isEqualTo("data: first");
            assertThat(firstArrivedAlone).isTrue();
            assertThat(lines.lines().toList()).contains("data: second");
        }
    }

    @Test
    void aClientThatDisconnectsClosesTheRequestToTheService() throws Exception {
        CountDownLatch serviceSawDisconnect = new CountDownLatch(1);
        CHAT.answer((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int event = 0; event < 2_000; event++) {
                    out.write(("data: token " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(10);
                }
            } catch (java.io.IOException closedByGateway) {
                serviceSawDisconnect.countDown();
            }
        });

        HttpResponse<InputStream> response = http().send(request("/v1/chat/completions",
                "Authorization", bearer(userToken()), "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("data: token 0");
        }

        assertThat(serviceSawDisconnect.await(10, TimeUnit.SECONDS))
                .as("the service's stream is cut long before its 2,000 events").isTrue();
    }

    @Test
    void headersOnlyThePlatformMaySetAreReplacedOrDropped() {
        HttpResponse<String> response = get("/api/v1/conversations", "Authorization", bearer(userToken()),
                "X-Forwarded-For", "203.0.113.66", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
                "X-Forwarded-Prefix", "/admin", "Forwarded", "for=203.0.113.66", "X-Real-IP", "203.0.113.66",
                "X-Original-Forwarded-For", "203.0.113.66", "X-Platform-User-Id", "admin",
                "X-Internal-Caller", "billing", "X-User-Id", "someone-else", "X-User-Roles", "ADMIN",
                "X-Auth-Request-User", "admin", "X-Api-Key-Id", "stolen", "X-Roles", "ADMIN",
                "X-Client-Trace", "kept");

        FakeService.RecordedRequest forwarded = CHAT.lastRequest();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(forwarded.header("X-Forwarded-For")).as("the real client address").isEqualTo("127.0.0.1");
        assertThat(forwarded.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
        assertThat(forwarded.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(forwarded.headers()).doesNotContainKeys("forwarded", "x-real-ip", "x-forwarded-prefix",
                "x-original-forwarded-for", "x-platform-user-id", "x-internal-caller", "x-user-id", "x-user-roles",
                "x-auth-request-user", "x-api-key-id", "x-roles");
        assertThat(forwarded.header("X-Client-Trace")).isEqualTo("kept");
    }

    @Test
    void aBodyOverItsRouteLimitIsRefusedBeforeReachingTheService() {
        String overDefaultLimit = "{\"title\":\"" + "x".repeat(300 * 1024) + "\"}";
        String overChatLimit = "{\"messages\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";

        HttpResponse<String> conversation = postJson("/api/v1/conversations", overDefaultLimit,
                "Authorization", bearer(userToken()));
        HttpResponse<String> chat = postJson("/v1/chat/completions", overChatLimit,
                "Authorization", bearer(userToken()));

        assertThat(conversation.statusCode()).isEqualTo(413);
        assertThat(json(conversation).get("code").asString()).isEqualTo("payload_too_large");
        assertThat(chat.statusCode()).isEqualTo(413);
        assertThat(json(chat).at("/error/code").asString()).isEqualTo("payload_too_large");
        assertThat(CHAT.requests()).isEmpty();
    }

    @Test
    void aChatMessageOfOneMegabyteIsRelayed() {
        String megabyteMessage = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1024 * 1024)
                + "\"}]}";

        HttpResponse<String> response = postJson("/v1/chat/completions", megabyteMessage,
                "Authorization", bearer(userToken()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CHAT.lastRequest().body()).hasSize(megabyteMessage.length());
    }

    @Test
    void aChunkedBodyIsCountedAsItStreams() {
        byte[] megabyte = new byte[1024 * 1024];
        HttpRequest chunked = request("/api/v1/conversations", "Authorization", bearer(userToken()),
                "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(megabyte)))
                .build();

        HttpResponse<String> response = send(chunked);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asString()).isEqualTo("payload_too_large");
    }
}
