package io.llmplatform.embedding;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.usage.UsageTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
 * embedding-service on a random port against real PostgreSQL and Kafka, with the in-process all-MiniLM-L6-v2 as the
 * default model and simulated vLLM servers as remote ones: {@code remote-embed} (a Matryoshka model of 32
 * dimensions) and the cross-encoder {@code remote-rerank} on one simulator, {@code offline} pointing at nothing;
 * {@code pooled-embed} and {@code pooled-rerank} stand for model-manager's pools {@code embed-pool} and
 * {@code rerank-pool}, with no server of their own until those are announced on {@code llm.models.v1}.
 * Test classes extending this share one application context, so each test works as its own fresh user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
public abstract class EmbeddingIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String MINILM = "all-minilm-l6-v2";
    protected static final VllmSimulator SIMULATOR = VllmSimulator.start(SimulatorConfig.builder().port(0)
            .servedModels("sim-embedder").embeddingDimension(32).maxModelLen(512).build());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        TestEngines.kafka().createTopics(Topics.QUOTA, Topics.USAGE, Topics.MODELS);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    protected UUID user;
    protected String token;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("platform.embedding.models[0].name", () -> "remote-embed");
        registry.add("platform.embedding.models[0].base-url", () -> SIMULATOR.openAiBaseUrl());
        registry.add("platform.embedding.models[0].upstream-name", () -> "sim-embedder");
        registry.add("platform.embedding.models[0].dimensions", () -> 32);
        registry.add("platform.embedding.models[0].matryoshka", () -> true);
        registry.add("platform.embedding.models[1].name", () -> "offline");
        registry.add("platform.embedding.models[1].base-url", () -> "http://127.0.0.1:1");
        registry.add("platform.embedding.models[2].name", () -> "pooled-embed");
        registry.add("platform.embedding.models[2].pool", () -> "embed-pool");
        registry.add("platform.embedding.rerank-models[0].name", () -> "remote-rerank");
        registry.add("platform.embedding.rerank-models[0].base-url", () -> SIMULATOR.baseUrl());
        registry.add("platform.embedding.rerank-models[0].upstream-name", () -> "sim-embedder");
        registry.add("platform.embedding.rerank-models[1].name", () -> "pooled-rerank");
        registry.add("platform.embedding.rerank-models[1].pool", () -> "rerank-pool");
        registry.add("platform.embedding.timeouts.request", () -> "3s");
        // Long enough that a request passing soon after its circuit opened passed another circuit.
        registry.add("platform.embedding.resilience.open-for", () -> "60s");
        registry.add("platform.embedding.in-process.batch-window", () -> "5ms");
    }

    /** Each test starts as a new user, with a healthy model server and closed circuits. */
    @BeforeEach
    void freshStart() {
        user = UUID.randomUUID();
        token = TestEngines.tokenIssuer().tokenFor(user, "USER");
        SIMULATOR.faults(FaultSettings.NONE);
        SIMULATOR.clearReceivedRequests();
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected OpenAIClient openAi(String accessToken) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(accessToken).maxRetries(0).build();
    }

    /** A raw call: the status, headers and body exactly as the service answered. */
    protected HttpResponse<String> post(String path, String accessToken, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    protected HttpResponse<String> get(String path, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + accessToken).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected static String body(Object request) {
        return JSON.writeValueAsString(request);
    }

    /** The usage events published for a user, waiting up to {@code wait} for at least {@code expected}. */
    protected static List<UsageEvent> usageEventsOf(UUID user, int expected, Duration wait) {
        return UsageTopics.usageEventsOf(TestEngines.kafka().bootstrapServers(), user, expected, wait);
    }

    /** Publishes {@code user}'s quota state as auth-service would: {@code used} of {@code limit} tokens. */
    protected static void publishQuota(UUID user, long limit, long used) {
        UsageTopics.publishQuota(TestEngines.kafka().bootstrapServers(), user, limit, used);
    }
}
