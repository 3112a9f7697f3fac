package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.llmplatform.contracts.auth.ApiKeyCreateRequest;
import io.llmplatform.contracts.auth.ApiKeyCreated;
import io.llmplatform.contracts.usage.UsageReport;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A program written for OpenAI, pointed at the gateway: the official SDK with the user's access token and then with
 * an API key, streaming and not, and the usage it caused in the user's report.
 */
@ExtendWith(PlatformExtension.class)
class ChatThroughGatewayTest {

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    ChatThroughGatewayTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void theOpenAiSdkChatsWithAnAccessTokenAndWithAnApiKeyAndTheUsageShowsUp() {
        User user = gateway.newUser();

        ChatCompletion withToken = sdk(user.accessToken()).chat().completions().create(question(24));
        assertThat(withToken.choices()).hasSize(1);
        assertThat(withToken.choices().getFirst().message().content()).hasValueSatisfying(
                content -> assertThat(content).isNotBlank());
        long tokenCallTokens = withToken.usage().orElseThrow().totalTokens();

        StringBuilder streamed = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = sdk(user.accessToken()).chat().completions()
                .createStreaming(question(16).toBuilder()
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append));
            });
        }
        assertThat(streamed).isNotEmpty();
        ChatCompletionChunk usageChunk = chunks.getLast();
        assertThat(usageChunk.choices()).as("the usage chunk OpenAI clients expect").isEmpty();
        assertThat(usageChunk.usage().orElseThrow().completionTokens()).isEqualTo(16);
        long streamTokens = usageChunk.usage().orElseThrow().totalTokens();

        Reply created = gateway.post("/api/v1/auth/api-keys", user.accessToken(),
                new ApiKeyCreateRequest("e2e program", null));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        ApiKeyCreated key = created.as(ApiKeyCreated.class);
        assertThat(key.key()).startsWith("sk-");
        ChatCompletion withKey = sdk(key.key()).chat().completions().create(question(8));
        long keyCallTokens = withKey.usage().orElseThrow().totalTokens();

        UsageReport report = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.get("/api/v1/usage", user.accessToken()).as(UsageReport.class),
                        usage -> usage.totals().requests() == 3);
        assertThat(report.totals().totalTokens()).isEqualTo(tokenCallTokens + streamTokens + keyCallTokens);
        assertThat(report.byApiKey()).as("usage by the key, and without one")
                .extracting(byKey -> byKey.apiKeyId(), byKey -> byKey.usage().totalTokens())
                .containsExactlyInAnyOrder(tuple(key.id(), keyCallTokens),
                        tuple(null, tokenCallTokens + streamTokens));
    }

    @Test
    void aStreamReachesTheClientAsItIsGeneratedNotWhenItEnds() throws Exception {
        User user = gateway.newUser();
        String body = GatewayClient.JSON.writeValueAsString(Map.of("model", PlatformUnderTest.MODEL,
                "stream", true, "max_tokens", 150, "ignore_eos", true,
                "messages", List.of(Map.of("role", "user", "content", "Count slowly."))));
        long sent = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = gateway.http().send(
                gateway.request("/v1/chat/completions", user.accessToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (var lines = response.body()) {
            lines.filter(line -> line.startsWith("data:")).forEach(line -> arrivals.add(System.nanoTime() - sent));
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        // 150 tokens at the simulator's 2 ms apart take 300 ms; relayed as they come, the first is in the client's
        // hands long before the last (buffered, they would all arrive together).
        long firstToLast = arrivals.getLast() - arrivals.getFirst();
        assertThat(Duration.ofNanos(firstToLast)).isGreaterThan(Duration.ofMillis(150));
    }

    private OpenAIClient sdk(String bearer) {
        return OpenAIOkHttpClient.builder().baseUrl(platform.gateway() + "/v1").apiKey(bearer).maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams question(int answerTokens) {
        return ChatCompletionCreateParams.builder().model(PlatformUnderTest.MODEL)
                .addUserMessage("What is the longest river in Europe?")
                .maxCompletionTokens(answerTokens)
                .putAdditionalBodyProperty("ignore_eos", com.openai.core.JsonValue.from(true))
                .build();
    }
}
