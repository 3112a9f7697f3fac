package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every bad request is a 400 (or 404 for an unknown model) in OpenAI's shape, naming the field; never a 500. */
class BadInputsTest extends EmbeddingIntegrationTest {

    @Test
    void emptyInputsAreRefused() {
        assertRefused("{\"input\":[]}", "input");
        assertRefused("{\"input\":\"\"}", "input");
        assertRefused("{\"input\":[\"fine\",\"\"]}", "input");
        assertRefused("{\"input\":[[]]}", "input");
        assertRefused("{\"model\":\"" + MINILM + "\"}", "input");
    }

    @Test
    void tenThousandInputsAreMoreThanARequestTakes() {
        HttpResponse<String> response = post("/v1/embeddings", token,
                body(Map.of("input", Collections.nCopies(10_000, "a"))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asString()).isEqualTo("input");
        assertThat(json(response).at("/error/message").asString()).contains("10000").contains("2048");
    }

    @Test
    void inputsOfTheWrongTypeAreRefused() {
        assertRefused("{\"input\":42}", "input");
        assertRefused("{\"input\":{\"text\":\"hi\"}}", "input");
        assertRefused("{\"input\":[\"text\", 42]}", "input");
        assertRefused("{\"input\":[[101, 102], \"text\"]}", "input");
        assertRefused("{\"input\":[101, \"x\"]}", "input");
        assertRefused("{\"input\":[1.5]}", "input");
        assertRefused("{\"input\":[true]}", "input");
        assertRefused("{\"input\":[999999999]}", "input");
    }

    @Test
    void anInputLongerThanTheModelTakesIsRefusedNamingInput() {
        String tooLong = String.join(" ", Collections.nCopies(300, "word"));

        HttpResponse<String> response = post("/v1/embeddings", token,
                body(Map.of("model", MINILM, "input", List.of("short", tooLong))));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("param").asString()).isEqualTo("input");
        assertThat(error.get("code").asString()).isEqualTo("context_length_exceeded");
        assertThat(error.get("message").asString()).contains("input[1]").contains("302 tokens").contains("256");
    }

    @Test
    void parametersTheModelCannotHonourAreRefusedNamingThem() {
        assertRefused("{\"input\":\"hi\",\"encoding_format\":\"int8\"}", "encoding_format");
        assertRefused("{\"input\":\"hi\",\"dimensions\":128}", "dimensions");
        assertRefused("{\"input\":\"hi\",\"dimensions\":\"many\"}", "dimensions");
        assertThat(post("/v1/embeddings", token, "{\"input\":\"hi\",\"dimensions\":384}").statusCode())
                .as("its own length is fine").isEqualTo(200);
    }

    @Test
    void anUnknownModelIsNotFound() {
        HttpResponse<String> response = post("/v1/embeddings", token, "{\"model\":\"text-embedding-3-large\","
                + "\"input\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_not_found");
        assertThat(json(response).at("/error/message").asString()).contains(MINILM);
    }

    @Test
    void notJsonIsAMalformedRequest() {
        HttpResponse<String> response = post("/v1/embeddings", token, "{\"input\": [");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
    }

    private void assertRefused(String request, String field) {
        HttpResponse<String> response = post("/v1/embeddings", token, request);

        assertThat(response.statusCode()).as("%s -> %s", request, response.body()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asString()).as(request).isEqualTo(field);
        assertThat(json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
    }
}
