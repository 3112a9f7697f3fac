package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** document-service not running at all: answers still come, flagged, and required sources are 503. */
@TestPropertySource(properties = "test.document-service-url=http://127.0.0.1:1")
class RetrievalUnreachableTest extends ChatIntegrationTest {

    @Test
    void anUnreachableDocumentServiceGivesTheAnswerWithoutDocuments() {
        HttpResponse<String> response = post("/api/v1/chat", token, "{\"message\": \"anyone?\", \"useRag\": true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.get("reply").asString()).isEqualTo("anyone?");
        assertThat(reply.at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(reply.at("/retrieval/detail").asString()).isEqualTo("document-service cannot be reached");
    }

    @Test
    void requiredSourcesFromAnUnreachableDocumentServiceAre503() {
        HttpResponse<String> response = post("/api/v1/chat", token,
                "{\"message\": \"anyone?\", \"useRag\": true, \"requireSources\": true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json(response).get("code").asString()).isEqualTo("retrieval_unavailable");
    }
}
