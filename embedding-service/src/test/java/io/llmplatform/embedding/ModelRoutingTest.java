package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.recording.RecordedRequest;
import io.llmplatform.support.models.ModelRoutes;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.models.ModelTopics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Routing by model-manager's announcements on llm.models.v1, with no restart: an embed or rerank pool's model is
 * served and listed by its name while the pool is ready, a switching pool answers 503 model_loading for its old and
 * new model, a failed one 503 model_unavailable, a configured name that stands for a pool follows it, a move to
 * another server starts with a fresh circuit breaker, and the in-process model ignores them all.
 */
class ModelRoutingTest extends EmbeddingIntegrationTest {

    private static final String DEAD_SERVER = "http://127.0.0.1:1";
    private static final VllmSimulator LAB = VllmSimulator.start(SimulatorConfig.builder().port(0)
            .servedModels("lab-embedder").embeddingDimension(16).build());

    @Autowired
    private ModelRoutes routes;

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    private final List<String> announced = new ArrayList<>();

    @AfterAll
    static void stopLab() {
        LAB.close();
    }

    /** Withdraws every pool the test announced, so the other tests sharing the context see none of them. */
    @AfterEach
    void withdrawPools() {
        announced.forEach(pool -> ModelTopics.withdraw(TestEngines.kafka().bootstrapServers(), pool));
        await().atMost(Duration.ofSeconds(15)).until(() -> announced.stream().allMatch(pool ->
                routes.pool(pool).isEmpty()));
    }

    @Test
    void aReadyEmbedPoolIsServedByItsModelsNameAndListed() {
        LAB.switchModel("lab-embedder", Duration.ZERO);

        announce("lab-embed", ModelTask.EMBED, "lab-embedder", null, ModelState.READY, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(15)).until(() -> embed("lab-embedder").statusCode() == 200);
        HttpResponse<String> answer = embed("lab-embedder");
        assertThat(json(answer).get("model").asString()).isEqualTo("lab-embedder");
        assertThat(json(answer).at("/data/0/embedding").size()).as("the pool's vectors").isEqualTo(16);
        assertThat(lastRequest().path()).isEqualTo("/v1/embeddings");
        assertThat(lastRequest().json().get("model").asString()).isEqualTo("lab-embedder");
        assertThat(card("lab-embedder")).isNotNull();
        assertThat(card("lab-embedder").get("owned_by").asString()).isEqualTo(LAB.openAiBaseUrl());
        assertThat(card("lab-embedder (embedding similarity)")).as("and rerank by its similarity").isNotNull();
    }

    @Test
    void whileAPoolSwitchesBothItsModelsAreLoadingAndOnceReadyTheNextRequestGoesToTheNewModel() {
        LAB.switchModel("old-embedder", Duration.ZERO);
        announce("switching", ModelTask.EMBED, "old-embedder", null, ModelState.READY, LAB.baseUrl());
        await().atMost(Duration.ofSeconds(15)).until(() -> embed("old-embedder").statusCode() == 200);

        announce("switching", ModelTask.EMBED, "new-embedder", "old-embedder", ModelState.LOADING, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(10)).until(() -> embed("old-embedder").statusCode() == 503);
        for (String model : List.of("old-embedder", "new-embedder")) {
            HttpResponse<String> loading = embed(model);
            assertThat(loading.statusCode()).isEqualTo(503);
            assertThat(json(loading).at("/error/code").asString()).isEqualTo("model_loading");
            assertThat(loading.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(card(model)).as("not listed while loading").isNull();
        }

        LAB.switchModel("new-embedder", Duration.ZERO);
        LAB.clearReceivedRequests();
        announce("switching", ModelTask.EMBED, "new-embedder", null, ModelState.READY, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(10)).until(() -> embed("new-embedder").statusCode() == 200);
        assertThat(lastRequest().json().get("model").asString()).isEqualTo("new-embedder");
        HttpResponse<String> gone = embed("old-embedder");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).at("/error/code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void aFailedPoolIsUnavailableWithItsReason() {
        announce(new ModelAnnouncement("failing", null, "broken-embedder", "broken-embedder", null, LAB.baseUrl(),
                ModelState.FAILED, null, ModelTask.EMBED, null, "the weights could not be loaded", Instant.now()));

        await().atMost(Duration.ofSeconds(15)).until(() -> embed("broken-embedder").statusCode() == 503);
        HttpResponse<String> failed = embed("broken-embedder");
        assertThat(json(failed).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(json(failed).at("/error/message").asString()).contains("the weights could not be loaded");
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aConfiguredNameForAPoolFollowsWhatThePoolServes() {
        HttpResponse<String> unannounced = embed("pooled-embed");
        assertThat(unannounced.statusCode()).as("no server until its pool is announced").isEqualTo(503);
        assertThat(json(unannounced).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(card("pooled-embed")).isNull();
        LAB.switchModel("bound-a", Duration.ZERO);

        announce("embed-pool", ModelTask.EMBED, "bound-a", null, ModelState.READY, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(15)).until(() -> embed("pooled-embed").statusCode() == 200);
        assertThat(json(embed("pooled-embed")).get("model").asString()).isEqualTo("pooled-embed");
        assertThat(lastRequest().json().get("model").asString()).isEqualTo("bound-a");
        assertThat(card("pooled-embed").get("owned_by").asString()).isEqualTo(LAB.openAiBaseUrl());

        LAB.switchModel("bound-b", Duration.ZERO);
        announce("embed-pool", ModelTask.EMBED, "bound-b", null, ModelState.READY, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(10)).until(() -> embed("pooled-embed").statusCode() == 200
                && lastRequest().json().get("model").asString().equals("bound-b"));
    }

    @Test
    void aRerankPoolIsServedByItsNameAndAConfiguredRerankNameFollowsIt() {
        LAB.switchModel("lab-reranker", Duration.ZERO);

        announce("rerank-pool", ModelTask.RERANK, "lab-reranker", null, ModelState.READY, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(15)).until(() -> rerank("pooled-rerank").statusCode() == 200);
        HttpResponse<String> ranked = rerank("pooled-rerank");
        assertThat(json(ranked).get("model").asString()).isEqualTo("pooled-rerank");
        assertThat(json(ranked).at("/results/0/index").asInt()).as("the server's ranking").isEqualTo(1);
        assertThat(lastRequest().path()).isEqualTo("/v1/rerank");
        assertThat(lastRequest().json().get("model").asString()).isEqualTo("lab-reranker");
        assertThat(rerank("lab-reranker").statusCode()).as("and by the pool's own name").isEqualTo(200);
        assertThat(card("lab-reranker")).isNotNull();
        assertThat(card("pooled-rerank")).isNotNull();
        assertThat(embed("lab-reranker").statusCode()).as("a rerank pool embeds nothing").isEqualTo(404);

        announce("rerank-pool", ModelTask.RERANK, "next-reranker", "lab-reranker", ModelState.LOADING,
                LAB.baseUrl());

        await().atMost(Duration.ofSeconds(10)).until(() -> rerank("pooled-rerank").statusCode() == 503);
        assertThat(json(rerank("lab-reranker")).at("/error/code").asString()).isEqualTo("model_loading");
    }

    @Test
    void aModelMovedToAnotherServerStartsThereWithAFreshCircuitBreaker() {
        announce("moving", ModelTask.EMBED, "moving-embedder", null, ModelState.READY, DEAD_SERVER);
        await().atMost(Duration.ofSeconds(20)).until(() -> json(embed("moving-embedder")).at("/error/message")
                .asString().contains("paused"));
        LAB.switchModel("moving-embedder", Duration.ZERO);

        announce("moving", ModelTask.EMBED, "moving-embedder", null, ModelState.READY, LAB.baseUrl());

        await().atMost(Duration.ofSeconds(10)).until(() -> embed("moving-embedder").statusCode() == 200);
        assertThat(circuitBreakers.getAllCircuitBreakers().stream()
                .filter(breaker -> breaker.getName().startsWith("moving-embedder @ " + DEAD_SERVER))
                .map(CircuitBreaker::getState))
                .as("the dead server's circuit is still open: the request passed a new one")
                .containsExactly(CircuitBreaker.State.OPEN);
    }

    @Test
    void theInProcessModelIgnoresAnnouncementsOfItsName() {
        announce("impostor", ModelTask.EMBED, MINILM, null, ModelState.LOADING, DEAD_SERVER);
        await().atMost(Duration.ofSeconds(15)).until(() -> routes.pool("impostor").isPresent());

        HttpResponse<String> answer = embed(MINILM);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("model").asString()).isEqualTo(MINILM);
        assertThat(json(answer).at("/data/0/embedding").size()).isEqualTo(384);
        assertThat(card(MINILM).get("owned_by").asString()).isEqualTo("in-process");
    }

    private HttpResponse<String> embed(String model) {
        return post("/v1/embeddings", token, body(Map.of("model", model, "input", "the river")));
    }

    private HttpResponse<String> rerank(String model) {
        return post("/v1/rerank", token, body(Map.of("model", model, "query", "the longest river",
                "documents", List.of("Paris is in France.", "The Volga is the longest river in Europe."))));
    }

    /** The model list's card for {@code id}, or null when it is not listed. */
    private JsonNode card(String id) {
        for (JsonNode card : json(get("/api/v1/embeddings/models", token)).get("data")) {
            if (card.get("id").asString().equals(id)) {
                return card;
            }
        }
        return null;
    }

    private static RecordedRequest lastRequest() {
        return LAB.receivedRequests().getLast();
    }

    private void announce(String pool, ModelTask task, String model, String previous, ModelState state,
            String baseUrl) {
        announce(new ModelAnnouncement(pool, null, model, model, previous, baseUrl, state, 512, task, null, null,
                Instant.now()));
    }

    private void announce(ModelAnnouncement announcement) {
        announced.add(announcement.pool());
        ModelTopics.announce(TestEngines.kafka().bootstrapServers(), announcement);
    }
}
