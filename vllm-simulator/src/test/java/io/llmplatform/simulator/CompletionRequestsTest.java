package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.chat;
import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.generation.ContentMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Parameters and errors of the completion endpoints, as vLLM answers them. */
class CompletionRequestsTest {

    private static VllmSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("m", "alias")
                .contentMode(ContentMode.ECHO).maxModelLen(64).build());
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() {
        JsonNode body = json(http.post("/v1/chat/completions",
                chat("the river and the bridge", "\"max_tokens\":2")));

        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("the river");
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() {
        JsonNode body = json(http.post("/v1/chat/completions",
                chat("the river and the bridge", "\"max_tokens\":4,\"max_completion_tokens\":1")));

        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("the");
    }

    @Test
    void stopStringOrListEndsTheAnswerBeforeItAndIsTheStopReason() {
        JsonNode single = json(http.post("/v1/chat/completions", chat("the river. the bridge", "\"stop\":\".\"")));
        JsonNode list = json(http.post("/v1/chat/completions",
                chat("the river. the bridge", "\"stop\":[\"bridge\",\"river\"]")));

        assertThat(single.at("/choices/0/message/content").asString()).isEqualTo("the river");
        assertThat(single.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(single.at("/choices/0/stop_reason").asString()).isEqualTo(".");
        assertThat(list.at("/choices/0/message/content").asString()).isEqualTo("the ");
        assertThat(list.at("/choices/0/stop_reason").asString()).isEqualTo("river");
    }

    @Test
    void nGivesThatManyChoicesAndCountsAllTheirTokens() {
        JsonNode body = json(http.post("/v1/chat/completions", chat("the river", "\"n\":3")));

        assertThat(body.get("choices")).hasSize(3);
        assertThat(body.at("/choices/2/index").asInt()).isEqualTo(2);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void anyServedNameIsAcceptedAndAnswersUnderTheFirstName() {
        JsonNode body = json(http.post("/v1/chat/completions", chat("hi", "\"model\":\"alias\"")));

        assertThat(body.get("model").asString()).isEqualTo("m");
    }

    @Test
    void promptAndMaxTokensBeyondTheContextWindowIsVllmsBadRequest() {
        HttpResponse<String> response = http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":60"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("message").asString()).isEqualTo("This model's maximum context length is 64 tokens. "
                + "However, you requested 60 output tokens and your prompt contains at least 9 input tokens, for a "
                + "total of at least 69 tokens. Please reduce the length of the input prompt or the number of "
                + "requested output tokens. (parameter=input_tokens, value=9)");
        assertThat(error.get("type").asString()).isEqualTo("BadRequestError");
        assertThat(error.get("param").asString()).isEqualTo("input_tokens");
        assertThat(error.get("code").isInt()).as("code is the status number").isTrue();
        assertThat(error.get("code").asInt()).isEqualTo(400);
    }

    @Test
    void withoutMaxTokensTheAnswerMayFillTheRestOfTheWindow() {
        JsonNode body = json(http.post("/v1/completions",
                "{\"prompt\":\"the river\",\"max_tokens\":null,\"ignore_eos\":true}"));

        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void malformedJsonInvalidParametersAndWrongContentTypeAreBadRequests() {
        HttpResponse<String> malformed = http.post("/v1/chat/completions", "{\"messages\": [");
        HttpResponse<String> wrongType = http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":\"many\""));
        HttpResponse<String> negative = http.post("/v1/chat/completions", chat("hi", "\"temperature\":-1"));
        HttpResponse<String> zero = http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":0"));
        HttpResponse<String> noMessages = http.post("/v1/chat/completions", "{\"model\":\"m\"}");
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                + "/v1/chat/completions")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(chat("hi", ""))));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).at("/error/message").asString()).startsWith("JSON decode error");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).at("/error/param").asString()).isEqualTo("max_tokens");
        assertThat(json(negative).at("/error/message").asString())
                .isEqualTo("temperature must be non-negative, got -1.0.");
        assertThat(json(zero).at("/error/message").asString()).isEqualTo("max_tokens must be at least 1, got 0.");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).at("/error/code").asInt()).isEqualTo(415);
    }

    @Test
    void unknownPathsAndMethodsAnswerAsFastApiDoes() {
        HttpResponse<String> unknown = http.get("/v1/nothing");
        HttpResponse<String> wrongMethod = http.get("/v1/chat/completions");
        HttpResponse<String> sleepDisabled = http.post("/sleep", "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(sleepDisabled.statusCode()).as("sleep endpoints only with sleep mode").isEqualTo(404);
    }

    @Test
    void completionsAcceptPromptListsAndTokenIdsAndEchoThePrompt() {
        JsonNode batch = json(http.post("/v1/completions",
                "{\"prompt\":[\"the river\",\"the bridge\"],\"n\":2,\"echo\":true,\"max_tokens\":1}"));
        JsonNode tokenized = json(http.post("/tokenize", "{\"prompt\":\"the river\"}"));
        JsonNode byIds = json(http.post("/v1/completions",
                "{\"prompt\":" + tokenized.get("tokens") + ",\"max_tokens\":5}"));

        assertThat(batch.get("choices")).hasSize(4);
        assertThat(batch.at("/choices/0/text").asString()).isEqualTo("the riverthe");
        assertThat(batch.at("/choices/3/text").asString()).isEqualTo("the bridgethe");
        assertThat(batch.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
        assertThat(byIds.at("/choices/0/text").asString()).isEqualTo("the river");
        assertThat(byIds.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void versionAndModelCardsLookLikeVllms() {
        JsonNode models = json(http.get("/v1/models"));

        assertThat(json(http.get("/version")).get("version").asString()).isEqualTo("0.11.0");
        assertThat(models.get("object").asString()).isEqualTo("list");
        assertThat(models.at("/data/0/id").asString()).isEqualTo("m");
        assertThat(models.at("/data/0/owned_by").asString()).isEqualTo("vllm");
        assertThat(models.at("/data/0/root").asString()).isEqualTo("m");
        assertThat(models.at("/data/0/max_model_len").asInt()).isEqualTo(64);
        assertThat(models.at("/data/1/id").asString()).isEqualTo("alias");
    }
}
