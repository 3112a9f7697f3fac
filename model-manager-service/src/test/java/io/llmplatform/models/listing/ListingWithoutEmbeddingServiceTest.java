package io.llmplatform.models.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.models.ModelManagerIntegrationTest;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With nothing listening where embedding-service should be, /v1/models still answers, with the pools' models. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
class ListingWithoutEmbeddingServiceTest {

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void nothingListening(DynamicPropertyRegistry registry) {
        ModelManagerIntegrationTest.pool(registry);
        registry.add("platform.models.embedding-service-url", () -> "http://127.0.0.1:9");
    }

    @Test
    void theListHasWhatModelManagerKnowsAndTheGapIsCounted() throws Exception {
        HttpResponse<String> models = get("/v1/models");

        assertThat(models.statusCode()).isEqualTo(200);
        JsonNode data = JsonMapper.builder().build().readTree(models.body()).get("data");
        assertThat(data.valueStream().map(model -> model.get("id").asString()))
                .contains(ModelManagerIntegrationTest.SIMULATOR.servedModel()).doesNotContain("all-minilm-l6-v2");
        assertThat(get("/actuator/prometheus").body())
                .containsPattern("platform_models_listing_degraded_total\\{[^}]*source=\"embedding-service\"[^}]*} "
                        + "[1-9]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        String token = TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
