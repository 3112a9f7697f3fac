package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.simulator.recording.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Programs written for OpenAI work against chat-service unchanged, and vLLM receives exactly what they sent. */
class OpenAiCompatibleChatTest extends ChatIntegrationTest {

    @Test
    void officialSdkGetsACompletionWithTheModelsUsage() {
        ChatCompletion completion = openAi(token).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("default").addUserMessage("ping the platform").maxCompletionTokens(64).build());

        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).hasValue("ping the platform");
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        });
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isPositive();
            assertThat(usage.completionTokens()).isPositive();
            assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        });
    }

    @Test
    void everyParameterReachesTheModelServerUntouched() {
        SIMULATOR.clearReceivedRequests();
        String body = """
                {"model": "default", "temperature": 0.3, "top_p": 0.9, "max_tokens": 50, "stop": ["END"],
                 "seed": 42, "presence_penalty": 0.5, "frequency_penalty": -0.5, "user": "app-42",
                 "response_format": {"type": "json_object"},
                 "tools": [{"type": "function", "function": {"name": "lookup", "description": "find",
                            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
                            "strict": true}}],
                 "tool_choice": "auto",
                 "top_k": 40, "repetition_penalty": 1.1, "guided_json": {"type": "object"},
                 "messages": [
                   {"role": "system", "content": "be brief"},
                   {"role": "user", "content": "call the tool"},
                   {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                     "function": {"name": "lookup", "arguments": "{\\"q\\":\\"x\\"}"}}]},
                   {"role": "tool", "tool_call_id": "call_1", "content": "found it"},
                   {"role": "user", "content": [{"type": "text", "text": "and now?"}]}
                 ]}""";

        HttpResponse<String> response = post("/v1/chat/completions", token, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = JSON.readTree(body);
        JsonNode received = lastChatRequest().json();
        for (String field : List.of("temperature", "top_p", "max_tokens", "stop", "seed", "presence_penalty",
                "frequency_penalty", "user", "response_format", "tools", "tool_choice", "top_k",
                "repetition_penalty", "guided_json", "messages")) {
            assertThat(received.get(field)).as(field).isEqualTo(sent.get(field));
        }
        assertThat(received.get("model").asString()).as("the server's own model name").isEqualTo("sim-model");
    }

    @Test
    void streamingRelaysChunksAndTheUsageChunkTheClientAskedFor() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (var stream = openAi(token).chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("default").addUserMessage("stream these five words")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse("")).reduce("", String::concat);
        long tokenChunks = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .filter(choice -> !choice.delta().content().orElse("").isEmpty()).count();
        assertThat(text).isEqualTo("stream these five words");
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).hasValueSatisfying(usage -> assertThat(usage.completionTokens())
                .as("one token per chunk, as vLLM streams").isEqualTo(tokenChunks));
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk ->
                assertThat(chunk.usage()).as("usage the client did not ask for on every chunk").isEmpty());
    }

    @Test
    void aStreamWithoutStreamOptionsGetsNoUsageChunkYetVllmIsAskedForIt() {
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> response = post("/v1/chat/completions", token, chatBody("default", "hello there",
                true));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        assertThat(events).noneMatch(event -> event.contains("\"usage\""));
        assertThat(lastChatRequest().json().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void usageIsExactAndPublishedOnceForStreamedAndUnstreamedCalls() {
        HttpResponse<String> plain = post("/v1/chat/completions", token, chatBody("default", "one two three", false));
        HttpResponse<String> streamed = post("/v1/chat/completions", token, """
                {"model": "default", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "a somewhat longer message to stream back"}]}""");
        JsonNode plainUsage = json(plain).get("usage");
        JsonNode streamedUsage = JSON.readTree(streamed.body().lines().filter(line -> line.contains("\"usage\""))
                .reduce((a, b) -> b).orElseThrow().substring("data: ".length())).get("usage");

        List<UsageEvent> events = usageEventsOf(user, 2, Duration.ofSeconds(20));

        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.status()).isEqualTo(UsageStatus.SUCCESS);
            assertThat(event.model()).isEqualTo("default");
            assertThat(event.service()).isEqualTo("chat-service");
        });
        UsageEvent ofPlain = events.stream().filter(e -> e.timeToFirstTokenMs() == null).findFirst().orElseThrow();
        UsageEvent ofStream = events.stream().filter(e -> e.timeToFirstTokenMs() != null).findFirst().orElseThrow();
        assertThat(ofPlain.promptTokens()).isEqualTo(plainUsage.get("prompt_tokens").asInt());
        assertThat(ofPlain.completionTokens()).isEqualTo(plainUsage.get("completion_tokens").asInt());
        assertThat(ofStream.promptTokens()).isEqualTo(streamedUsage.get("prompt_tokens").asInt());
        assertThat(ofStream.completionTokens()).isEqualTo(streamedUsage.get("completion_tokens").asInt());
    }

    @Test
    void theAnswerSaysHowMuchTimeThePlatformAdded() {
        HttpResponse<String> response = post("/v1/chat/completions", token, chatBody("default", "timing", false));

        assertThat(response.headers().firstValue("X-Platform-Overhead-Ms")).hasValueSatisfying(
                overhead -> assertThat(Double.parseDouble(overhead)).isBetween(0.0, 1000.0));
    }

    @Test
    void metricsFollowTheGenAiConventionsByTokenTypeAndModel() throws Exception {
        post("/v1/chat/completions", token, chatBody("default", "measure me", true));

        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(scrape).contains(
                "gen_ai_client_token_usage_tokens_sum{application=\"chat-service\",gen_ai_operation_name=\"chat\","
                        + "gen_ai_request_model=\"default\",gen_ai_token_type=\"input\"}",
                "gen_ai_token_type=\"output\"",
                "gen_ai_server_time_to_first_token_seconds_bucket",
                "gen_ai_client_operation_duration_seconds_count",
                "platform_chat_added_latency_seconds_bucket",
                "platform_usage_outbox_backlog");
    }

    @Test
    void invalidRequestsAreRefusedNamingTheFieldInOpenAisShape() {
        Map<String, String> cases = Map.of(
                "messages", "{\"model\":\"default\",\"messages\":[]}",
                "messages[0].role", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}",
                "temperature", "{\"temperature\":3.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "n", "{\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "messages[0].content", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1_048_576)
                        + "\"}]}");
        SIMULATOR.clearReceivedRequests();

        cases.forEach((field, body) -> {
            HttpResponse<String> response = post("/v1/chat/completions", token, body);
            assertThat(response.statusCode()).as(field).isEqualTo(400);
            JsonNode error = json(response).get("error");
            assertThat(error.get("param").asString()).as(field).isEqualTo(field);
            assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        });
        assertThat(SIMULATOR.receivedRequests()).as("nothing reached the model").isEmpty();
    }

    @Test
    void unknownModelIsModelNotFound() {
        NotFoundException missing = catchThrowableOfType(NotFoundException.class, () -> openAi(token).chat()
                .completions().create(ChatCompletionCreateParams.builder().model("gpt-42")
                        .addUserMessage("hi").build()));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.code()).hasValue("model_not_found");
        assertThat(missing.param()).hasValue("model");
    }

    @Test
    void aModelTheServerNoLongerServesIsModelNotFoundToo() {
        HttpResponse<String> response = post("/v1/chat/completions", token, chatBody("retired", "hi", false));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void anUnreachableModelServerIsAFastModelUnavailable() {
        long started = System.nanoTime();
        HttpResponse<String> response = post("/v1/chat/completions", token, chatBody("offline", "hi", false));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void withoutATokenTheSdkGetsAnAuthenticationError() {
        var failure = catchThrowableOfType(UnauthorizedException.class, () -> openAi("not-a-jwt")
                .chat().completions().create(ChatCompletionCreateParams.builder().model("default")
                        .addUserMessage("hi").build()));

        assertThat(failure.statusCode()).isEqualTo(401);
    }

    private static RecordedRequest lastChatRequest() {
        return SIMULATOR.receivedRequests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions")).reduce((a, b) -> b).orElseThrow();
    }
}
