package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.recording.RecordedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What chat-service tests rely on: every request body and header reaches the recording untouched. */
class RequestRecordingTest {

    private static final String REQUEST = """
            {"model":"vllm-simulator","messages":[{"role":"user","content":"Weather in Paris?"}],
             "temperature":0.2,"top_p":0.9,"stop":["\\n\\n","END"],"seed":42,"max_tokens":5,
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
             "tool_choice":"auto","response_format":{"type":"json_object"},
             "top_k":20,"repetition_penalty":1.05,
             "guided_json":{"type":"object","properties":{"a":{"type":"string"}}}}""";

    private static VllmSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).recordedRequests(3).build());
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clear() {
        simulator.clearReceivedRequests();
    }

    @Test
    void everyParameterAndHeaderIsRecordedExactlyAsSent() {
        http.post("/v1/chat/completions", REQUEST, "Authorization", "Bearer token-1", "X-Request-Id", "abc");

        RecordedRequest recorded = simulator.receivedRequests().getFirst();
        assertThat(recorded.body()).isEqualTo(REQUEST);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.header("authorization")).isEqualTo("Bearer token-1");
        assertThat(recorded.header("X-REQUEST-ID")).isEqualTo("abc");
        JsonNode body = recorded.json();
        assertThat(body.get("top_k").asInt()).isEqualTo(20);
        assertThat(body.get("guided_json").toString()).isEqualTo(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
        assertThat(body.at("/tools/0/function/name").asString()).isEqualTo("get_weather");
        assertThat(body.at("/response_format/type").asString()).isEqualTo("json_object");
    }

    @Test
    void recordedRequestsAreReadableOverHttpOldestFirst() {
        http.post("/v1/completions", "{\"prompt\":\"one\",\"max_tokens\":1}");
        http.post("/v1/chat/completions", REQUEST);

        JsonNode recorded = json(http.get("/admin/requests"));

        assertThat(recorded).hasSize(2);
        assertThat(recorded.at("/0/path").asString()).isEqualTo("/v1/completions");
        assertThat(recorded.at("/1/body").asString()).isEqualTo(REQUEST);
        assertThat(recorded.at("/1/headers/content-type/0").asString()).isEqualTo("application/json");
    }

    @Test
    void onlyTheLastNRequestsAreKeptAndInvalidOnesAreRecordedToo() {
        for (String prompt : List.of("a", "b", "c", "d")) {
            http.post("/v1/completions", "{\"prompt\":\"" + prompt + "\",\"max_tokens\":1}");
        }
        http.post("/v1/completions", "{not json");

        assertThat(simulator.receivedRequests()).extracting(RecordedRequest::body).containsExactly(
                "{\"prompt\":\"c\",\"max_tokens\":1}", "{\"prompt\":\"d\",\"max_tokens\":1}", "{not json");
    }

    @Test
    void clearingForgetsEverything() {
        http.post("/v1/completions", "{\"prompt\":\"a\"}");

        assertThat(http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/requests")).DELETE())
                .statusCode()).isEqualTo(204);

        assertThat(simulator.receivedRequests()).isEmpty();
    }
}
