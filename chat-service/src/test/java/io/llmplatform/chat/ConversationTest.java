package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.simulator.recording.RecordedRequest;
import io.llmplatform.testkit.TestEngines;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConversationTest extends ChatIntegrationTest {

    @Test
    void aNewConversationAnswersAndRemembersItsTitleAndHistory() {
        JsonNode first = chat(null, "What is the capital of France?");
        String conversationId = first.get("conversationId").asString();
        JsonNode second = chat(conversationId, "And of Italy?");

        assertThat(first.get("reply").asString()).isEqualTo("What is the capital of France?");
        assertThat(first.at("/usage/totalTokens").asInt())
                .isEqualTo(first.at("/usage/promptTokens").asInt() + first.at("/usage/completionTokens").asInt());
        assertThat(first.get("model").asString()).isEqualTo("default");
        assertThat(first.get("sources").isEmpty()).isTrue();
        assertThat(second.get("conversationId").asString()).isEqualTo(conversationId);
        JsonNode conversation = get("/api/v1/conversations/" + conversationId);
        assertThat(conversation.get("title").asString()).isEqualTo("What is the capital of France?");
        assertThat(get("/api/v1/conversations/" + conversationId + "/messages").valueStream()
                .map(m -> m.get("role").asString() + ": " + m.get("content").asString()))
                .containsExactly("user: What is the capital of France?", "assistant: What is the capital of France?",
                        "user: And of Italy?", "assistant: And of Italy?");
    }

    @Test
    void theModelSeesTheEarlierTurnsAndTheSystemPrompt() {
        String id = chat(null, "Remember the number 7.", Map.of("systemPrompt", "You are a terse assistant."))
                .get("conversationId").asString();
        SIMULATOR.clearReceivedRequests();

        chat(id, "Which number?");

        JsonNode messages = lastChatRequest().json().get("messages");
        assertThat(messages.valueStream().map(m -> m.get("role").asString() + ": " + m.get("content").asString()))
                .containsExactly("system: You are a terse assistant.", "user: Remember the number 7.",
                        "assistant: Remember the number 7.", "user: Which number?");
    }

    @Test
    void everyTurnIsBilledOnceWithItsExactUsage() {
        JsonNode reply = chat(null, "count my tokens");

        UsageEvent event = usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst();

        assertThat(event.promptTokens()).isEqualTo(reply.at("/usage/promptTokens").asInt());
        assertThat(event.completionTokens()).isEqualTo(reply.at("/usage/completionTokens").asInt());
    }

    @Test
    void anotherUsersConversationIsNotFoundOnEveryRoute() {
        String id = chat(null, "private thoughts").get("conversationId").asString();
        String stranger = TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER");

        List<HttpResponse<String>> attempts = List.of(
                call("GET", "/api/v1/conversations/" + id, stranger, null),
                call("GET", "/api/v1/conversations/" + id + "/messages", stranger, null),
                call("PATCH", "/api/v1/conversations/" + id, stranger, "{\"title\":\"mine now\"}"),
                call("DELETE", "/api/v1/conversations/" + id, stranger, null),
                post("/api/v1/chat", stranger, "{\"conversationId\":\"" + id + "\",\"message\":\"hi\"}"),
                post("/api/v1/chat/stream", stranger, "{\"conversationId\":\"" + id + "\",\"message\":\"hi\"}"));

        assertThat(attempts).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(404);
            assertThat(json(response).get("code").asString()).isEqualTo("not_found");
        });
        assertThat(call("GET", "/api/v1/conversations", stranger, null).body()).doesNotContain(id);
        assertThat(get("/api/v1/conversations/" + id).get("title").asString()).isEqualTo("private thoughts");
    }

    @Test
    void conversationsListNewestFirstAndCanBeRenamedAndDeleted() {
        String older = chat(null, "first topic").get("conversationId").asString();
        String newer = chat(null, "second topic").get("conversationId").asString();

        JsonNode page = get("/api/v1/conversations?size=1");
        call("PATCH", "/api/v1/conversations/" + older, token, "{\"title\":\"Renamed\"}");
        HttpResponse<String> deleted = call("DELETE", "/api/v1/conversations/" + newer, token, null);

        assertThat(page.at("/items/0/id").asString()).isEqualTo(newer);
        assertThat(page.get("totalItems").asLong()).isEqualTo(2);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/conversations/" + newer, token, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/conversations").get("items").valueStream().map(c -> c.get("title").asString()))
                .containsExactly("Renamed");
    }

    @Test
    void aFailedFirstMessageLeavesNoConversationBehind() {
        HttpResponse<String> failed = post("/api/v1/chat", token, "{\"message\":\"hi\",\"model\":\"offline\"}");

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).get("code").asString()).isEqualTo("model_unavailable");
        assertThat(get("/api/v1/conversations").get("totalItems").asLong()).isZero();
    }

    @Test
    void streamingSendsDeltasThenUsageThenTheWholeReply() {
        HttpResponse<String> response = post("/api/v1/chat/stream", token, "{\"message\":\"stream me back\"}");

        List<String> events = response.body().lines().filter(line -> line.startsWith("event: ")).toList();
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(events.getFirst()).isEqualTo("event: delta");
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly("event: usage", "event: done");
        String done = response.body().lines().reduce((a, b) -> b.isBlank() ? a : b).orElseThrow();
        JsonNode reply = JSON.readTree(done.substring("data: ".length()));
        assertThat(reply.get("reply").asString()).isEqualTo("stream me back");
        assertThat(get("/api/v1/conversations/" + reply.get("conversationId").asString() + "/messages").size())
                .isEqualTo(2);
    }

    @Test
    void invalidMessagesAreValidationFailuresNamingTheField() {
        HttpResponse<String> blank = post("/api/v1/chat", token, "{\"message\":\"  \"}");
        HttpResponse<String> hot = post("/api/v1/chat", token, "{\"message\":\"hi\",\"temperature\":9}");
        HttpResponse<String> both = post("/api/v1/chat", token,
                "{\"message\":\"hi\",\"systemPrompt\":\"x\",\"presetId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(json(blank).at("/errors/0/field").asString()).isEqualTo("message");
        assertThat(json(hot).at("/errors/0/field").asString()).isEqualTo("temperature");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).at("/errors/0/field").asString()).isEqualTo("oneSystemPromptSource");
    }

    private JsonNode chat(String conversationId, String message) {
        return chat(conversationId, message, Map.of());
    }

    private JsonNode chat(String conversationId, String message, Map<String, Object> extra) {
        var body = new LinkedHashMap<String, Object>(extra);
        body.put("message", message);
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        HttpResponse<String> response = post("/api/v1/chat", token, JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = call("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static RecordedRequest lastChatRequest() {
        return SIMULATOR.receivedRequests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions")).reduce((a, b) -> b).orElseThrow();
    }
}
