package io.llmplatform.chat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.engine.LatencyProfile;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.simulator.generation.ContentMode;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.http.StubHttpService;
import io.llmplatform.testkit.usage.UsageTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * chat-service on a random port against real PostgreSQL and Kafka, with simulated vLLM servers: {@code sim-model}
 * answers at once (echoing the last user message), {@code slow} streams a token every 40 ms, {@code offline} points
 * at nothing, {@code retired} names a model the server does not serve, and {@code aliased} stands for model-manager's
 * pool {@code alias-pool} (pointing at nothing until that pool is announced). model-manager is a stub that knows no
 * model unless a test queues an answer. document-service is a stub that fails (503) unless a test queues another
 * failure: only its failures are transport behaviour a stub can stand for; answers from documents are proven against
 * the real document-service by the end-to-end suite. Test classes extending this share one application context, so
 * each test works as its own fresh user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
public abstract class ChatIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final VllmSimulator SIMULATOR = VllmSimulator.start(SimulatorConfig.builder().port(0)
            .servedModels("sim-model").contentMode(ContentMode.ECHO).maxModelLen(4096).build());
    protected static final VllmSimulator SLOW_SIMULATOR = VllmSimulator.start(SimulatorConfig.builder().port(0)
            .servedModels("slow-model").contentMode(ContentMode.RANDOM).meanOutputTokens(400)
            .latency(LatencyProfile.ofMillis(20, 0, 40, 0)).build());
    protected static final StubHttpService MODEL_MANAGER = new StubHttpService().answer(404,
            "application/problem+json", "{\"code\":\"model_not_found\",\"status\":404,\"detail\":\"No pool "
                    + "serves it\"}");
    protected static final StubHttpService DOCUMENTS = new StubHttpService();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        TestEngines.kafka().createTopics(Topics.QUOTA, Topics.USAGE, Topics.MODELS);
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        model(registry, 0, "default", SIMULATOR.baseUrl(), "sim-model");
        model(registry, 1, "slow", SLOW_SIMULATOR.baseUrl(), "slow-model");
        model(registry, 2, "offline", "http://127.0.0.1:1", "nothing");
        model(registry, 3, "retired", SIMULATOR.baseUrl(), "no-longer-served");
        model(registry, 4, "aliased", "http://127.0.0.1:1", "nothing");
        registry.add("platform.chat.models[4].pool", () -> "alias-pool");
        registry.add("platform.chat.model-manager-url", MODEL_MANAGER::url);
        registry.add("platform.chat.default-model", () -> "default");
        registry.add("platform.chat.timeouts.first-token", () -> "3s");
        registry.add("platform.chat.timeouts.between-tokens", () -> "2s");
        // A test class may point retrieval elsewhere with the property test.document-service-url.
        registry.add("platform.chat.retrieval.document-service-url",
                () -> "${test.document-service-url:" + DOCUMENTS.url() + "}");
        registry.add("spring.cloud.openfeign.client.config.document-service.read-timeout", () -> "1000");
    }

    private static void model(DynamicPropertyRegistry registry, int index, String name, String url, String upstream) {
        registry.add("platform.chat.models[" + index + "].name", () -> name);
        registry.add("platform.chat.models[" + index + "].base-url", () -> url);
        registry.add("platform.chat.models[" + index + "].upstream-name", () -> upstream);
        registry.add("platform.chat.models[" + index + "].context-tokens", () -> 4096);
    }

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    protected UUID user;
    protected String token;

    /** Each test starts as a new user, with healthy model servers and closed circuits. */
    @BeforeEach
    void freshStart() {
        user = UUID.randomUUID();
        token = TestEngines.tokenIssuer().tokenFor(user, "USER");
        SIMULATOR.faults(FaultSettings.NONE);
        DOCUMENTS.reset();
        DOCUMENTS.answer(503, "application/problem+json",
                "{\"code\":\"service_unavailable\",\"status\":503,\"detail\":\"Chroma is down\"}");
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected OpenAIClient openAi(String accessToken) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(accessToken).maxRetries(0).build();
    }

    /** A raw call: the status, headers and body exactly as the service answered. */
    protected HttpResponse<String> post(String path, String accessToken, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> call(String method, String path, String accessToken, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The usage events published for a user, waiting up to {@code wait} for at least {@code expected}. */
    protected static List<UsageEvent> usageEventsOf(UUID user, int expected, Duration wait) {
        return usageEventsOf(TestEngines.kafka().bootstrapServers(), user, expected, wait);
    }

    protected static List<UsageEvent> usageEventsOf(String servers, UUID user, int expected, Duration wait) {
        return UsageTopics.usageEventsOf(servers, user, expected, wait);
    }

    protected static String chatBody(String model, String message, boolean stream) {
        return JSON.writeValueAsString(Map.of("model", model, "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", message))));
    }
}
