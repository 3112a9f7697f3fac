package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import io.llmplatform.simulator.recording.RecordedRequest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004's core journey through the gateway, against the real document-service, embedding-service and the
 * simulator: a user uploads a document, waits until it is stored, asks, and gets an answer grounded in it with its
 * sources; the prompt the model received holds the user's passage and not another user's with the same keyword.
 * Then the same with the OpenAI SDK and the platform's {@code rag} extension field.
 */
@ExtendWith(PlatformExtension.class)
class DocumentChatThroughGatewayTest {

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    DocumentChatThroughGatewayTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void anAnswerFromTheUsersOwnDocumentCitesItAndNeverSeesAnotherUsersPassage() {
        String keyword = keyword();
        User owner = gateway.newUser();
        User stranger = gateway.newUser();
        UUID mine = uploadAndWait(owner, "valves.md", "# Maintenance\n\nThe " + keyword
                + " valve opens at 42 bar and is inspected every spring.\n", "manuals");
        uploadAndWait(stranger, "secret.md", "# Private\n\nThe " + keyword
                + " valve code of the stranger is STRANGER-7731.\n", "manuals");
        platform.simulator().clearReceivedRequests();

        Reply reply = gateway.post("/api/v1/chat", owner.accessToken(), Map.of("message",
                "At what pressure does the " + keyword + " valve open?", "useRag", true,
                "collections", List.of("manuals"), "maxTokens", 16));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode answer = reply.json();
        assertThat(answer.at("/retrieval/status").asString()).isEqualTo("used");
        JsonNode first = answer.at("/sources/0");
        assertThat(first.get("citation").asInt()).isEqualTo(1);
        assertThat(first.get("documentId").asString()).isEqualTo(mine.toString());
        assertThat(first.get("documentName").asString()).isEqualTo("valves.md");
        assertThat(first.get("collection").asString()).isEqualTo("manuals");
        assertThat(first.get("excerpt").asString()).contains("42 bar");
        assertThat(answer.get("sources").valueStream().map(source -> source.get("documentId").asString()))
                .containsOnly(mine.toString());
        String prompt = lastPrompt();
        assertThat(prompt).contains("42 bar").contains("[1] (valves.md").contains("like [1]")
                .doesNotContain("STRANGER-7731");
        JsonNode history = gateway.get("/api/v1/conversations/" + answer.get("conversationId").asString()
                + "/messages", owner.accessToken()).json();
        assertThat(history.get(0).get("content").asString()).doesNotContain("42 bar");
        assertThat(history.get(1).at("/sources/0/documentId").asString()).isEqualTo(mine.toString());
        assertThat(history.get(1).at("/retrieval/status").asString()).isEqualTo("used");
    }

    @Test
    void theStreamSendsTheSourcesBeforeTheFirstToken() {
        String keyword = keyword();
        User owner = gateway.newUser();
        UUID mine = uploadAndWait(owner, "notes.txt", "The " + keyword + " festival is held in the town of Lorne.\n",
                null);

        Reply stream = gateway.send(gateway.request("/api/v1/chat/stream", owner.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"Where is the " + keyword
                        + " festival?\", \"useRag\": true, \"maxTokens\": 8}")));

        assertThat(stream.status()).as("%s", stream).isEqualTo(200);
        List<String> lines = stream.body().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.get(0)).isEqualTo("event: sources");
        assertThat(lines.get(1)).contains(mine.toString()).contains("Lorne");
        assertThat(lines.get(2)).isEqualTo("event: delta");
    }

    @Test
    void theOpenAiSdkAsksForRetrievalWithTheExtensionFieldAndReadsTheSourcesBack() {
        String keyword = keyword();
        User owner = gateway.newUser();
        UUID mine = uploadAndWait(owner, "recipe.md", "# Soup\n\nThe " + keyword
                + " soup needs three carrots and one onion.\n", "kitchen");
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(platform.gateway() + "/v1")
                .apiKey(owner.accessToken()).maxRetries(0).build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(PlatformUnderTest.MODEL)
                .addUserMessage("How many carrots go into " + keyword + " soup?").maxCompletionTokens(16)
                .putAdditionalBodyProperty("rag", JsonValue.from(Map.of("documentIds", List.of(mine.toString()),
                        "topK", 3)))
                .build();
        platform.simulator().clearReceivedRequests();

        ChatCompletion completion = sdk.chat().completions().create(params);
        List<?> sources = completion._additionalProperties().get("sources").convert(List.class);
        String prompt = lastPrompt();
        ChatCompletionChunk firstChunk;
        try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params)) {
            firstChunk = stream.stream().findFirst().orElseThrow();
        }

        assertThat(completion.choices()).hasSize(1);
        assertThat(sources).isNotEmpty().allSatisfy(source ->
                assertThat(((Map<?, ?>) source).get("documentId")).isEqualTo(mine.toString()));
        assertThat(((Map<?, ?>) sources.getFirst()).get("excerpt").toString()).contains("three carrots");
        assertThat(completion._additionalProperties().get("retrieval").convert(Map.class).get("status"))
                .isEqualTo("used");
        assertThat(prompt).contains("three carrots").doesNotContain("\"rag\"");
        assertThat(firstChunk._additionalProperties().get("sources").convert(List.class)).hasSameSizeAs(sources);
    }

    /** A word no other test's documents contain, so searches here find only this test's documents. */
    private static String keyword() {
        return "zeph" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "q");
    }

    private UUID uploadAndWait(User user, String name, String text, String collection) {
        return gateway.uploadStoredDocument(user.accessToken(), name, text.getBytes(StandardCharsets.UTF_8),
                collection);
    }

    /** The last chat request the simulated vLLM received, as its raw body. */
    private String lastPrompt() {
        return platform.simulator().receivedRequests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions")).map(RecordedRequest::body)
                .reduce((a, b) -> b).orElseThrow();
    }
}
