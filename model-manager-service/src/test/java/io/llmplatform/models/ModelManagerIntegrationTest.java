package io.llmplatform.models;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.generation.ContentMode;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.http.StubHttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * model-manager on a random port against real PostgreSQL and Kafka, managing one pool, {@code gpu-a}: a vLLM
 * simulator with one simulated A100 80GB (DCGM metrics on its {@code /metrics}), switched by the simulator driver
 * with a short load time. embedding-service is a stub answering a recorded model list. The catalog is a copy of the
 * shipped one in a file, so tests can reload it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
public abstract class ModelManagerIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String POOL = "gpu-a";
    public static final VllmSimulator SIMULATOR = VllmSimulator.start(SimulatorConfig.builder().port(0)
            .servedModels("sim-base").contentMode(ContentMode.ECHO).gpus("NVIDIA A100-SXM4-80GB:1").build());
    protected static final StubHttpService EMBEDDING_SERVICE = new StubHttpService().answer(200, "application/json",
            "{\"object\":\"list\",\"data\":[{\"id\":\"all-minilm-l6-v2\",\"object\":\"model\",\"created\":1767225600,"
                    + "\"owned_by\":\"llm-platform\",\"max_model_len\":256}]}");
    protected static final Path CATALOG = catalogCopy();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void poolAndEmbeddingService(DynamicPropertyRegistry registry) {
        pool(registry);
        registry.add("platform.models.embedding-service-url", EMBEDDING_SERVICE::url);
    }

    /** The pool and switching settings, without embedding-service. */
    public static void pool(DynamicPropertyRegistry registry) {
        registry.add("platform.models.pools[0].name", () -> POOL);
        registry.add("platform.models.pools[0].base-url", SIMULATOR::baseUrl);
        registry.add("platform.models.catalog-file", CATALOG::toString);
        registry.add("platform.models.switching.simulator-load-time", () -> "300ms");
        registry.add("platform.models.switching.readiness-poll", () -> "50ms");
        registry.add("platform.models.switching.load-timeout", () -> "10s");
        registry.add("platform.models.status.poll-interval", () -> "300ms");
    }

    protected static String admin() {
        return TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER", "ADMIN");
    }

    protected static String user() {
        return TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER");
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
                .GET());
    }

    protected HttpResponse<String> post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected static Map<String, Object> switchTo(String profileId) {
        return Map.of("profileId", profileId, "pool", POOL);
    }

    /** Every announcement of the pool on llm.models.v1 so far, oldest first. */
    protected static List<ModelAnnouncement> announcements(String pool) {
        List<ModelAnnouncement> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODELS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (pool.equals(record.key())) {
                        found.add(JSON.readValue(record.value(), ModelAnnouncement.class));
                    }
                });
            }
        }
        return found;
    }

    private static Path catalogCopy() {
        try (InputStream shipped = ModelManagerIntegrationTest.class.getResourceAsStream("/models/catalog.yaml")) {
            Path file = Files.createTempFile("catalog", ".yaml");
            Files.write(file, shipped.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String shippedCatalog() {
        try (InputStream shipped = ModelManagerIntegrationTest.class.getResourceAsStream("/models/catalog.yaml")) {
            return new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
