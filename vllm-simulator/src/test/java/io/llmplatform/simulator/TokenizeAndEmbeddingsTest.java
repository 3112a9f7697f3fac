package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.contracts.openai.Usage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /tokenize}, {@code /detokenize} and {@code /v1/embeddings}. */
class TokenizeAndEmbeddingsTest {

    private static VllmSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("m")
                .embeddingDimension(32).maxModelLen(100).build());
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void detokenizeGivesBackTheTokenizedText() {
        String text = "Grüße, world!\n\tTabs & 42 emojis 🚀 <|im_end|>";

        JsonNode tokens = json(http.post("/tokenize", "{\"model\":\"m\",\"prompt\":" + quote(text) + "}"));
        JsonNode detokenized = json(http.post("/detokenize", "{\"model\":\"m\",\"tokens\":" + tokens.get("tokens")
                + "}"));

        assertThat(tokens.get("count").asInt()).isEqualTo(tokens.get("tokens").size());
        assertThat(tokens.get("max_model_len").asInt()).isEqualTo(100);
        assertThat(tokens.has("token_strs")).isTrue();
        assertThat(detokenized.get("prompt").asString()).isEqualTo(text);
    }

    @Test
    void tokenizingChatMessagesCountsWhatAChatRequestIsChargedFor() {
        String messages = "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
                + "\"content\":\"Where does the river go?\"}]";

        JsonNode tokenized = json(http.post("/tokenize", "{\"messages\":" + messages + "}"));
        JsonNode answer = json(http.post("/v1/chat/completions", "{\"messages\":" + messages + ",\"max_tokens\":1}"));

        assertThat(tokenized.get("count").asInt()).isEqualTo(answer.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void tokenStringsArePiecesOfTheText() {
        JsonNode tokens = json(http.post("/tokenize", "{\"prompt\":\"the river\",\"return_token_strs\":true}"));

        assertThat(tokens.get("token_strs")).extracting(JsonNode::asString).containsExactly("the", " river");
    }

    @Test
    void unknownTokenIdOrModelIsRefused() {
        HttpResponse<String> badId = http.post("/detokenize", "{\"tokens\":[-1]}");
        HttpResponse<String> badModel = http.post("/tokenize", "{\"model\":\"x\",\"prompt\":\"hi\"}");

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badModel.statusCode()).isEqualTo(404);
    }

    @Test
    void embeddingsAreDeterministicUnitVectorsOfTheConfiguredSize() {
        JsonNode first = json(http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":[\"the river\",\"a bridge\"]}"));
        JsonNode again = json(http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"the river\"}"));

        JsonNode vector = first.at("/data/0/embedding");
        assertThat(vector).hasSize(32);
        assertThat(again.at("/data/0/embedding")).isEqualTo(vector);
        assertThat(first.at("/data/1/embedding")).isNotEqualTo(vector);
        double norm = 0;
        for (JsonNode value : vector) {
            norm += value.asDouble() * value.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, offset(1e-4));
        assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
        assertThat(first.get("object").asString()).isEqualTo("list");
        assertThat(first.at("/data/1/index").asInt()).isEqualTo(1);
    }

    @Test
    void base64EmbeddingsAreTheSameFloatsAsLittleEndianBytes() {
        EmbeddingResponse floats = SimulatorHttp.JSON.readValue(http.post("/v1/embeddings",
                "{\"input\":\"the river\"}").body(), EmbeddingResponse.class);
        EmbeddingResponse base64 = SimulatorHttp.JSON.readValue(http.post("/v1/embeddings",
                "{\"input\":\"the river\",\"encoding_format\":\"base64\"}").body(), EmbeddingResponse.class);

        assertThat(base64.data().getFirst().embedding()).isInstanceOf(String.class);
        assertThat(base64.data().getFirst().vector()).containsExactly(floats.data().getFirst().vector());
        assertThat(base64.usage()).isEqualTo(Usage.of(2, 0));
    }

    @Test
    void dimensionsShortensTheVectorAndTooManyIsRefused() {
        JsonNode shortened = json(http.post("/v1/embeddings", "{\"input\":\"the river\",\"dimensions\":8}"));
        HttpResponse<String> tooMany = http.post("/v1/embeddings", "{\"input\":\"the river\",\"dimensions\":64}");

        assertThat(shortened.at("/data/0/embedding")).hasSize(8);
        assertThat(tooMany.statusCode()).isEqualTo(400);
    }

    private static String quote(String text) {
        return SimulatorHttp.JSON.writeValueAsString(text);
    }
}
