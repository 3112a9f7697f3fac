package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.simulator.fault.FaultSettings;
import io.llmplatform.simulator.recording.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Models on remote OpenAI-compatible servers (here the vLLM simulator), and what a failing one looks like. */
class RemoteModelsTest extends EmbeddingIntegrationTest {

    @Test
    void aRemoteModelAnswersWithTheServersVectorsAndIsBilledAtTheServersCount() {
        HttpResponse<String> response = post("/v1/embeddings", token,
                "{\"model\":\"remote-embed\",\"input\":[\"the river\",\"a bridge\"],\"encoding_format\":\"base64\"}");
        EmbeddingResponse answer = JSON.readValue(response.body(), EmbeddingResponse.class);
        EmbeddingResponse direct = JSON.readValue(simulated(), EmbeddingResponse.class);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.model()).isEqualTo("remote-embed");
        assertThat(answer.data().get(0).vector()).containsExactly(direct.data().get(0).vector());
        assertThat(answer.data().get(1).vector()).containsExactly(direct.data().get(1).vector());
        assertThat(answer.usage().promptTokens()).isEqualTo(direct.usage().promptTokens());
        RecordedRequest sent = SIMULATOR.receivedRequests().getFirst();
        assertThat(JSON.readTree(sent.body()).get("model").asString()).as("the server's name for it")
                .isEqualTo("sim-embedder");
        assertThat(usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst().promptTokens())
                .isEqualTo(direct.usage().promptTokens());
    }

    @Test
    void aMatryoshkaModelsVectorsAreShortenedToUnitVectors() {
        EmbeddingResponse shortened = JSON.readValue(post("/v1/embeddings", token,
                "{\"model\":\"remote-embed\",\"input\":\"the river\",\"dimensions\":8}").body(),
                EmbeddingResponse.class);

        float[] vector = shortened.data().getFirst().vector();
        assertThat(vector).hasSize(8);
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        assertThat(norm).isCloseTo(1.0, offset(1e-5));
        assertThat(post("/v1/embeddings", token, "{\"model\":\"remote-embed\",\"input\":\"x\",\"dimensions\":64}")
                .statusCode()).as("longer than it is").isEqualTo(400);
    }

    @Test
    void aDeadEndpointIsAFast503ModelUnavailable() {
        long started = System.nanoTime();

        HttpResponse<String> response = post("/v1/embeddings", token, "{\"model\":\"offline\",\"input\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFailingServerIsCutOffByItsCircuitBreakerAndNothingIsBilled() {
        SIMULATOR.faults(FaultSettings.NONE.withErrorRate(1.0, List.of(500)));
        for (int i = 0; i < 10; i++) {
            post("/v1/embeddings", token, "{\"model\":\"remote-embed\",\"input\":\"hi\"}");
        }
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> fast = post("/v1/embeddings", token, "{\"model\":\"remote-embed\",\"input\":\"hi\"}");

        assertThat(fast.statusCode()).isEqualTo(503);
        assertThat(json(fast).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(SIMULATOR.receivedRequests()).as("the open circuit spared the server").isEmpty();
        assertThat(usageEventsOf(user, 1, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() {
        SIMULATOR.faults(FaultSettings.NONE.withStallMs(6_000));

        HttpResponse<String> response = post("/v1/embeddings", token, "{\"model\":\"remote-embed\",\"input\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_timeout");
    }

    @Test
    void anInputTooLongForTheRemoteModelIsItsContextLengthError() {
        String tooLong = "word ".repeat(600);

        HttpResponse<String> response = post("/v1/embeddings", token,
                body(Map.of("model", "remote-embed", "input", tooLong)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("context_length_exceeded");
        assertThat(json(response).at("/error/param").asString()).isEqualTo("input");
    }

    /** What the simulator itself answers for the same texts. */
    private static String simulated() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(SIMULATOR.openAiBaseUrl() + "/embeddings"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"sim-embedder\",\"input\":[\"the river\",\"a bridge\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
