package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rerank in vLLM's shape: by a remote cross-encoder, or in process by embedding similarity, saying which. */
class RerankTest extends EmbeddingIntegrationTest {

    private static final List<String> DOCUMENTS = List.of(
            "Paris is the capital and largest city of France.",
            "The Volga is the longest river in Europe.",
            "Bananas are rich in potassium.");

    @Test
    void withoutACrossEncoderNamedTheInProcessModelRanksByEmbeddingSimilarityAndSaysSo() {
        RerankResponse ranked = rerank(new RerankRequest(MINILM, "Which river is the longest in Europe?",
                documentsJson(), null, null));

        assertThat(ranked.model()).isEqualTo(MINILM + " (embedding similarity)");
        assertThat(ranked.results()).extracting(RerankResponse.Result::index).first().isEqualTo(1);
        assertThat(ranked.results()).hasSize(3).extracting(RerankResponse.Result::relevanceScore)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ranked.results().getFirst().document().text()).isEqualTo(DOCUMENTS.get(1));
        int tokens = ranked.usage().promptTokens();
        assertThat(tokens).isPositive();
        assertThat(usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst().promptTokens()).isEqualTo(tokens);
    }

    @Test
    void topNAndReturnDocumentsShapeTheAnswer() {
        RerankResponse best = rerank(new RerankRequest(null, "capital of France", documentsJson(), 1, false));

        assertThat(best.results()).hasSize(1);
        assertThat(best.results().getFirst().index()).isZero();
        assertThat(best.results().getFirst().document()).isNull();
        assertThat(best.id()).startsWith("rerank-");
    }

    @Test
    void aRemoteCrossEncoderRanksWhenNamed() {
        RerankResponse ranked = rerank(new RerankRequest("remote-rerank", "the longest river", documentsJson(),
                null, null));

        assertThat(ranked.model()).isEqualTo("remote-rerank");
        assertThat(ranked.results()).hasSize(3);
        assertThat(ranked.results().getFirst().index()).as("the simulator's word overlap").isEqualTo(1);
        assertThat(ranked.usage().promptTokens()).isPositive();
        assertThat(JSON.readTree(SIMULATOR.receivedRequests().getFirst().body()).get("model").asString())
                .isEqualTo("sim-embedder");
    }

    @Test
    void badRerankRequestsAreRefusedNamingTheField() {
        assertRefused("/v1/rerank", "{\"documents\":[\"d\"]}", "query");
        assertRefused("/v1/rerank", "{\"query\":\"q\",\"documents\":[]}", "documents");
        assertRefused("/v1/rerank", "{\"query\":\"q\",\"documents\":[\"d\", 3]}", "documents");
        assertRefused("/v1/rerank", "{\"query\":\"q\",\"documents\":[\"d\"],\"top_n\":-1}", "top_n");
        assertThat(post("/v1/rerank", token, "{\"model\":\"nope\",\"query\":\"q\",\"documents\":[\"d\"]}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void theApiPathAnswersTheSameWithProblemDetailsForErrors() {
        HttpResponse<String> ok = post("/api/v1/rerank", token, body(new RerankRequest(MINILM, "France",
                documentsJson(), 2, null)));
        HttpResponse<String> bad = post("/api/v1/rerank", token, "{\"query\":\"q\"}");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("results")).hasSize(2);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(json(bad).get("code").asString()).isEqualTo("validation_failed");
    }

    private void assertRefused(String path, String request, String field) {
        HttpResponse<String> response = post(path, token, request);

        assertThat(response.statusCode()).as("%s -> %s", request, response.body()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asString()).as(request).isEqualTo(field);
    }

    private RerankResponse rerank(RerankRequest request) {
        HttpResponse<String> response = post("/v1/rerank", token, body(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), RerankResponse.class);
    }

    private static JsonNode documentsJson() {
        return JSON.valueToTree(DOCUMENTS);
    }
}
