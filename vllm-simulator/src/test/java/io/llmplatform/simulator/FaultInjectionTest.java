package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.chat;
import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.simulator.fault.FaultSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Faults set at start, through {@code /admin/faults}, or per request by {@code X-Simulator-Fault}. */
class FaultInjectionTest {

    private static VllmSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).build());
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults(FaultSettings.NONE);
    }

    @Test
    void statusHeaderFailsTheRequestInVllmsErrorShape() {
        HttpResponse<String> response = http.post("/v1/chat/completions", chat("hi", ""),
                "X-Simulator-Fault", "status=503");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = json(response).get("error");
        assertThat(error.get("type").asString()).isEqualTo("ServiceUnavailableError");
        assertThat(error.get("code").asInt()).isEqualTo(503);
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void errorRateOfOneFailsEveryRequestWithTheConfiguredStatuses() {
        http.put("/admin/faults", "{\"errorRate\":1.0,\"errorStatuses\":[429,500]}");

        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            statuses.merge(http.post("/v1/chat/completions", chat("hi", "")).statusCode(), 1, Integer::sum);
        }
        HttpResponse<String> embeddings = http.post("/v1/embeddings", "{\"input\":\"hi\"}");

        assertThat(statuses.keySet()).containsExactlyInAnyOrder(429, 500);
        assertThat(embeddings.statusCode()).isIn(429, 500);
        assertThat(http.get("/health").statusCode()).as("health is not a fault target").isEqualTo(200);
    }

    @Test
    void stallDelaysTheFirstToken() {
        long started = System.nanoTime();
        HttpResponse<String> response = http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":2"),
                "X-Simulator-Fault", "stall=300");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMs).isBetween(300L, 3_000L);
    }

    @Test
    void globalStallIsReadAndReplacedThroughTheAdminEndpoint() {
        HttpResponse<String> put = http.put("/admin/faults", "{\"stallMs\":200,\"dropAfterChunks\":4}");

        JsonNode current = json(http.get("/admin/faults"));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(current.get("stallMs").asLong()).isEqualTo(200);
        assertThat(current.get("dropAfterChunks").asInt()).isEqualTo(4);
        assertThat(current.get("errorRate").asDouble()).isZero();
        assertThat(simulator.faults().stallMs()).isEqualTo(200);
    }

    @Test
    void invalidFaultSettingsAreRefused() {
        HttpResponse<String> response = http.put("/admin/faults", "{\"errorRate\":2}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asString()).contains("errorRate must be between 0 and 1");
    }

    @Test
    void droppedNonStreamingRequestGetsNoAnswerAtAll() {
        RawHttp.Exchange exchange = dropped();

        assertThat(exchange).isNull();
    }

    @Test
    void notReadyPeriodTurnsHealthAndRequestsTo503UntilItEnds() {
        simulator.faults(FaultSettings.NONE.withNotReadyMs(400));

        assertThat(http.get("/health").statusCode()).isEqualTo(503);
        assertThat(http.post("/v1/chat/completions", chat("hi", "")).statusCode()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(3)).until(() -> http.get("/health").statusCode() == 200);
        assertThat(http.post("/v1/chat/completions", chat("hi", "")).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsGivenAtStartApplyFromTheFirstRequest() {
        try (VllmSimulator faulty = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .faults(new FaultSettings(1.0, List.of(503), 0, 0, 0)).build())) {
            assertThat(new SimulatorHttp(faulty).post("/v1/completions", "{\"prompt\":\"hi\"}").statusCode())
                    .isEqualTo(503);
        }
    }

    private static RawHttp.Exchange dropped() {
        try {
            return RawHttp.post(simulator.port(), "/v1/chat/completions", chat("hi", ""),
                    "X-Simulator-Fault: drop-after=1");
        } catch (StringIndexOutOfBoundsException noHead) {
            return null;
        }
    }
}
