package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.recording.RecordedRequest;
import io.llmplatform.testkit.http.StubHttpService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Answers that asked for the user's documents while document-service fails: the answer is still given, says that
 * retrieval was unavailable, and counts; with {@code requireSources} it is 503 instead. What chat-service asks
 * document-service (the user's own token, the filters) is checked on the stub's side.
 */
class RetrievalDegradationTest extends ChatIntegrationTest {

    @Test
    void documentServiceFailingStillAnswersAndSaysRetrievalWasUnavailable() {
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> response = post("/api/v1/chat", token, """
                {"message": "What does the handbook say about leave?", "useRag": true, "collections": ["hr"],
                 "topK": 3, "minScore": 0.2}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(reply.at("/retrieval/detail").asString()).isEqualTo("Chroma is down");
        assertThat(reply.get("sources").isEmpty()).isTrue();
        assertThat(reply.get("reply").asString()).isEqualTo("What does the handbook say about leave?");
        assertThat(lastUserMessage()).isEqualTo("What does the handbook say about leave?");
        StubHttpService.Received search = DOCUMENTS.received().getLast();
        assertThat(search.path()).isEqualTo("/api/v1/documents/search");
        assertThat(search.header("Authorization")).isEqualTo("Bearer " + token);
        JsonNode asked = JSON.readTree(search.body());
        assertThat(asked.get("query").asString()).isEqualTo("What does the handbook say about leave?");
        assertThat(asked.get("collections").valueStream().map(JsonNode::asString)).containsExactly("hr");
        assertThat(asked.get("topK").asInt()).isEqualTo(3);
        assertThat(asked.get("minScore").asDouble()).isEqualTo(0.2);
        assertThat(metrics()).contains("chat_retrieval_requests_total{application=\"chat-service\",outcome=\"unavailable\"")
                .containsPattern("chat_retrieval_seconds_count\\{[^}]*outcome=\"unavailable\"");
    }

    @Test
    void aSlowDocumentServiceTimesOutAndTheAnswerStillComes() {
        DOCUMENTS.reset();
        DOCUMENTS.answer(new StubHttpService.Answer(200, "application/json", "{\"mode\":\"hybrid\",\"results\":[]}",
                Map.of(), Duration.ofSeconds(4)));

        HttpResponse<String> response = post("/api/v1/chat", token, "{\"message\": \"slow docs\", \"useRag\": true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(json(response).at("/retrieval/detail").asString()).contains("did not answer in time");
    }

    @Test
    void requiredSourcesWhileDocumentServiceFailsIs503AndLeavesNoConversation() {
        HttpResponse<String> response = post("/api/v1/chat", token,
                "{\"message\": \"cite or nothing\", \"useRag\": true, \"requireSources\": true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json(response).get("code").asString()).isEqualTo("retrieval_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(call("GET", "/api/v1/conversations", token, null)).get("totalItems").asLong()).isZero();
    }

    @Test
    void documentServiceRefusingTheSearchIsTheCallersError() {
        DOCUMENTS.reset();
        DOCUMENTS.answer(400, "application/problem+json", "{\"code\":\"validation_failed\",\"status\":400,"
                + "\"detail\":\"no such collection name\"}");

        HttpResponse<String> response = post("/api/v1/chat", token,
                "{\"message\": \"hi\", \"useRag\": true, \"collections\": [\"x\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void theStreamSendsTheSourcesEventFirstAndTheHistoryKeepsTheOutcome() {
        HttpResponse<String> response = post("/api/v1/chat/stream", token,
                "{\"message\": \"stream with docs\", \"useRag\": true}");

        List<String> lines = response.body().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.get(0)).isEqualTo("event: sources");
        JsonNode sources = JSON.readTree(lines.get(1).substring("data: ".length()));
        assertThat(sources.at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(sources.get("sources").isEmpty()).isTrue();
        assertThat(lines.get(2)).isEqualTo("event: delta");
        JsonNode done = JSON.readTree(lines.getLast().substring("data: ".length()));
        JsonNode history = json(call("GET", "/api/v1/conversations/" + done.get("conversationId").asString()
                + "/messages", token, null));
        assertThat(history.get(1).at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(history.get(0).has("retrieval")).isFalse();
    }

    @Test
    void aFollowUpIsRewrittenByTheModelBeforeTheSearchAndThatCallIsBilled() {
        String id = json(post("/api/v1/chat", token, "{\"message\": \"Tell me about the Volga.\"}"))
                .get("conversationId").asString();
        DOCUMENTS.reset();
        DOCUMENTS.answer(503, "application/problem+json", "{\"code\":\"service_unavailable\",\"status\":503}");

        HttpResponse<String> followUp = post("/api/v1/chat", token,
                "{\"conversationId\": \"" + id + "\", \"message\": \"How long is it?\", \"useRag\": true}");

        assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(200);
        // The model was asked to rewrite the follow-up with the conversation, briefly...
        JsonNode rewrite = SIMULATOR.receivedRequests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions"))
                .map(RecordedRequest::json).filter(body -> body.at("/messages/0/content").asString()
                        .contains("Reformulate")).reduce((a, b) -> b).orElseThrow();
        assertThat(rewrite.at("/messages/0/content").asString()).contains("Tell me about the Volga.")
                .contains("How long is it?");
        assertThat(rewrite.get("max_tokens").asInt()).isEqualTo(100);
        // ...and its answer (the echoing simulator's: the start of that prompt) is what was searched for.
        String query = JSON.readTree(DOCUMENTS.received().getLast().body()).get("query").asString();
        assertThat(query).startsWith("Read and understand the conversation").isNotEqualTo("How long is it?");
        assertThat(usageEventsOf(user, 3, Duration.ofSeconds(20))).hasSize(3);
    }

    @Test
    void retrievalOptionsAreValidatedNamingTheField() {
        HttpResponse<String> noRag = post("/api/v1/chat", token, "{\"message\": \"hi\", \"collections\": [\"a\"]}");
        HttpResponse<String> topK = post("/api/v1/chat", token, "{\"message\": \"hi\", \"useRag\": true, \"topK\": 0}");
        HttpResponse<String> score = post("/api/v1/chat", token,
                "{\"message\": \"hi\", \"useRag\": true, \"minScore\": 1.5}");
        HttpResponse<String> blank = post("/api/v1/chat", token,
                "{\"message\": \"hi\", \"useRag\": true, \"collections\": [\" \"]}");

        assertThat(List.of(noRag, topK, score, blank)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("code").asString()).isEqualTo("validation_failed");
        });
        assertThat(json(noRag).at("/errors/0/field").asString()).isEqualTo("ragOptionsWithUseRag");
        assertThat(json(topK).at("/errors/0/field").asString()).isEqualTo("topK");
        assertThat(json(score).at("/errors/0/field").asString()).isEqualTo("minScore");
        assertThat(json(blank).at("/errors/0/field").asString()).startsWith("collections[0]");
        assertThat(DOCUMENTS.received()).isEmpty();
    }

    @Test
    void completionsTakeTheRagExtensionAndAnswerWithItsFieldsWhileTheModelNeverSeesIt() {
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> response = post("/v1/chat/completions", token, """
                {"model": "default", "messages": [{"role": "user", "content": "what is in my notes?"}],
                 "rag": {"collections": ["notes"], "topK": 2}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.at("/choices/0/message/content").asString()).isEqualTo("what is in my notes?");
        assertThat(answer.get("sources").isEmpty()).isTrue();
        assertThat(answer.at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(lastChatRequest().json().has("rag")).isFalse();
        assertThat(JSON.readTree(DOCUMENTS.received().getLast().body()).get("topK").asInt()).isEqualTo(2);
    }

    @Test
    void aStreamedCompletionCarriesTheRagFieldsOnItsFirstChunk() {
        HttpResponse<String> response = post("/v1/chat/completions", token, """
                {"model": "default", "stream": true, "messages": [{"role": "user", "content": "stream my notes"}],
                 "rag": {}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> chunks = response.body().lines().filter(line -> line.startsWith("data: {"))
                .map(line -> JSON.readTree(line.substring("data: ".length()))).toList();
        assertThat(chunks.getFirst().at("/retrieval/status").asString()).isEqualTo("unavailable");
        assertThat(chunks.getFirst().has("sources")).isTrue();
        assertThat(chunks.subList(1, chunks.size())).allSatisfy(chunk -> assertThat(chunk.has("sources")).isFalse());
    }

    @Test
    void aBadRagExtensionIsAnOpenAiStyle400NamingTheField() {
        HttpResponse<String> range = post("/v1/chat/completions", token,
                "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}], "
                        + "\"rag\": {\"topK\": 500}}");
        HttpResponse<String> misspelt = post("/v1/chat/completions", token,
                "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}], "
                        + "\"rag\": {\"top_k\": 5}}");
        HttpResponse<String> notLast = post("/v1/chat/completions", token,
                "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}, "
                        + "{\"role\": \"assistant\", \"content\": \"a\"}], \"rag\": {}}");

        assertThat(List.of(range, misspelt, notLast)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
        });
        assertThat(json(range).at("/error/param").asString()).isEqualTo("rag.topK");
        assertThat(json(misspelt).at("/error/param").asString()).contains("top_k");
        assertThat(json(notLast).at("/error/param").asString()).isEqualTo("messages[1]");
        assertThat(DOCUMENTS.received()).isEmpty();
    }

    private String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastUserMessage() {
        JsonNode messages = lastChatRequest().json().get("messages");
        return messages.get(messages.size() - 1).get("content").asString();
    }

    private static RecordedRequest lastChatRequest() {
        return SIMULATOR.receivedRequests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions")).reduce((a, b) -> b).orElseThrow();
    }
}
