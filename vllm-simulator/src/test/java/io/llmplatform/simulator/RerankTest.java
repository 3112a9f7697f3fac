package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.RerankResponse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/rerank} (and {@code /rerank}, {@code /v2/rerank}) answered as vLLM serves a cross-encoder. */
class RerankTest {

    private static final String DOCUMENTS = "[\"a bridge over the sea\", \"the river flows north\","
            + " {\"text\": \"mountains and snow\"}]";

    private static VllmSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("reranker")
                .maxModelLen(12).build());
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void documentsComeBackBestFirstWithTheirIndexTextAndAScoreBetweenZeroAndOne() {
        RerankResponse ranked = SimulatorHttp.JSON.readValue(http.post("/v1/rerank",
                "{\"model\":\"reranker\",\"query\":\"the river\",\"documents\":" + DOCUMENTS + "}").body(),
                RerankResponse.class);

        assertThat(ranked.id()).startsWith("rerank-");
        assertThat(ranked.model()).isEqualTo("reranker");
        assertThat(ranked.results()).hasSize(3);
        assertThat(ranked.results().getFirst().index()).as("the document sharing the query's words").isEqualTo(1);
        assertThat(ranked.results().getFirst().document().text()).isEqualTo("the river flows north");
        assertThat(ranked.results()).extracting(RerankResponse.Result::relevanceScore)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(ranked.results().get(2).document().text()).isIn("a bridge over the sea", "mountains and snow");
    }

    @Test
    void topNKeepsTheBestAndUsageCountsEveryQueryDocumentPair() {
        JsonNode all = json(http.post("/rerank", "{\"query\":\"the river\",\"documents\":" + DOCUMENTS + "}"));
        JsonNode best = json(http.post("/v2/rerank",
                "{\"query\":\"the river\",\"documents\":" + DOCUMENTS + ",\"top_n\":1}"));

        assertThat(best.get("results")).hasSize(1);
        assertThat(best.at("/results/0")).isEqualTo(all.at("/results/0"));
        int query = tokens("the river");
        assertThat(all.at("/usage/prompt_tokens").asInt()).as("each pair is the query plus one document")
                .isEqualTo(3 * query + tokens("a bridge over the sea") + tokens("the river flows north")
                        + tokens("mountains and snow"));
        assertThat(all.at("/usage/total_tokens").asInt()).isEqualTo(all.at("/usage/prompt_tokens").asInt());
    }

    private static int tokens(String text) {
        return json(http.post("/tokenize", "{\"prompt\":\"" + text + "\"}")).get("count").asInt();
    }

    @Test
    void theSameRequestRanksTheSameEveryTime() {
        String body = "{\"query\":\"snow on the bridge\",\"documents\":" + DOCUMENTS + "}";

        assertThat(json(http.post("/v1/rerank", body)).get("results"))
                .isEqualTo(json(http.post("/v1/rerank", body)).get("results"));
    }

    @Test
    void badRerankRequestsAreRefusedAsVllmRefusesThem() {
        HttpResponse<String> noDocuments = http.post("/v1/rerank", "{\"query\":\"q\",\"documents\":[]}");
        HttpResponse<String> wrongType = http.post("/v1/rerank", "{\"query\":\"q\",\"documents\":[1]}");
        HttpResponse<String> unknownModel = http.post("/v1/rerank",
                "{\"model\":\"x\",\"query\":\"q\",\"documents\":[\"d\"]}");
        HttpResponse<String> tooLong = http.post("/v1/rerank",
                "{\"query\":\"one two three four five six seven\",\"documents\":[\"eight nine ten eleven twelve\"]}");

        assertThat(noDocuments.statusCode()).isEqualTo(400);
        assertThat(json(noDocuments).at("/error/param").asString()).isEqualTo("documents");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).at("/error/message").asString()).contains("maximum context length is 12 tokens");
    }
}
