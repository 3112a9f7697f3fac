package io.llmplatform.contracts;

import static io.llmplatform.contracts.Payloads.MAPPER;
import static io.llmplatform.contracts.Payloads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.ChatCompletionChunk;
import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.contracts.openai.ChatCompletionResponse;
import io.llmplatform.contracts.openai.ChatMessage;
import io.llmplatform.contracts.openai.StreamOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

class ChatCompletionJsonTest {

    @Test
    void readsOpenAiResponseIgnoringFieldsItDoesNotModel() {
        ChatCompletionResponse response = MAPPER.readValue(read("openai-chat-completion.json"),
                ChatCompletionResponse.class);

        assertThat(response.object()).isEqualTo(ChatCompletionResponse.OBJECT);
        assertThat(response.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().role()).isEqualTo("assistant");
            assertThat(choice.message().text()).isEqualTo("Hello! How can I assist you today?");
            assertThat(choice.finishReason()).isEqualTo("stop");
        });
        assertThat(response.usage().promptTokens()).isEqualTo(19);
        assertThat(response.usage().completionTokens()).isEqualTo(10);
        assertThat(response.usage().totalTokens()).isEqualTo(29);
    }

    @Test
    void readsVllmToolCallResponseWithNullContent() {
        ChatCompletionResponse response = MAPPER.readValue(read("vllm-chat-completion.json"),
                ChatCompletionResponse.class);

        ChatCompletionResponse.Choice choice = response.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo("tool_calls");
        assertThat(choice.message().text()).isEmpty();
        assertThat(choice.message().toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.function().name()).isEqualTo("get_weather");
            assertThat(call.function().arguments()).isEqualTo("{\"city\": \"Paris\"}");
        });
        assertThat(response.usage().totalTokens()).isEqualTo(231);
    }

    @Test
    void responseRoundTripKeepsFinishReasonAndWritesSnakeCase() {
        ChatCompletionResponse response = MAPPER.readValue(read("vllm-chat-completion.json"),
                ChatCompletionResponse.class);

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(response));

        assertThat(written.at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(written.at("/choices/0/message/tool_calls/0/function/name").asString()).isEqualTo("get_weather");
        assertThat(written.at("/usage/prompt_tokens").asInt()).isEqualTo(212);
        assertThat(written.has("system_fingerprint")).as("absent optional fields stay absent").isFalse();
        assertThat(MAPPER.readValue(written.toString(), ChatCompletionResponse.class)).isEqualTo(response);
    }

    @Test
    void readsVllmStreamIncludingTheFinalUsageOnlyChunk() {
        List<ChatCompletionChunk> chunks = Arrays.stream(read("vllm-chat-stream.txt").split("\n"))
                .filter(line -> line.startsWith("data: ") && !line.equals("data: [DONE]"))
                .map(line -> MAPPER.readValue(line.substring("data: ".length()), ChatCompletionChunk.class))
                .toList();

        assertThat(chunks).hasSize(4);
        assertThat(chunks.getFirst().choices().getFirst().delta().role()).isEqualTo("assistant");
        assertThat(chunks.subList(0, 3)).allSatisfy(chunk -> assertThat(chunk.usageOnly()).isFalse());
        String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content()).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello there!");
        assertThat(chunks.get(2).choices().getFirst().finishReason()).isEqualTo("stop");

        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.usageOnly()).isTrue();
        assertThat(last.usage().completionTokens()).isEqualTo(3);
    }

    @Test
    void chunkWritesNullFinishReasonAndEmptyChoicesLikeVllm() {
        var contentChunk = new ChatCompletionChunk("chatcmpl-1", ChatCompletionChunk.OBJECT, 1L, "m",
                List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta(null, "Hi", null, null),
                        null, null, null)),
                null, null);
        var usageChunk = new ChatCompletionChunk("chatcmpl-1", ChatCompletionChunk.OBJECT, 1L, "m", List.of(),
                io.llmplatform.contracts.openai.Usage.of(5, 1), null);

        JsonNode content = MAPPER.readTree(MAPPER.writeValueAsString(contentChunk));
        JsonNode usage = MAPPER.readTree(MAPPER.writeValueAsString(usageChunk));

        assertThat(content.at("/choices/0").has("finish_reason")).isTrue();
        assertThat(content.at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(content.at("/choices/0/delta").has("role")).isFalse();
        assertThat(content.has("usage")).isFalse();
        assertThat(usage.get("choices").isArray()).isTrue();
        assertThat(usage.get("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void requestKeepsVllmSamplingParametersItDoesNotModel() {
        ChatCompletionRequest request = MAPPER.readValue(read("openai-chat-request-with-vllm-extras.json"),
                ChatCompletionRequest.class);

        assertThat(request.extraParameters()).containsOnlyKeys("top_k", "repetition_penalty", "guided_json");
        assertThat(request.effectiveMaxTokens()).isEqualTo(64);
        assertThat(request.stop()).containsExactly("\n\n");
        assertThat(request.streaming()).isTrue();
        assertThat(request.streamOptions().includeUsage()).isTrue();
        assertThat(request.messages().get(1).text()).isEqualTo("Describe this image");

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(request));
        assertThat(written.get("top_k").asInt()).isEqualTo(20);
        assertThat(written.get("repetition_penalty").asDouble()).isEqualTo(1.05);
        assertThat(written.at("/guided_json/properties/answer/type").asString()).isEqualTo("string");
        assertThat(written.at("/messages/1/content/2/image_url/url").asString())
                .isEqualTo("https://example.com/cat.png");
        assertThat(written.get("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(written.has("max_tokens")).isFalse();
        assertThat(written.has("extra_parameters")).isFalse();
    }

    @Test
    void builtRequestWritesOnlyWhatWasSet() {
        ChatCompletionRequest request = ChatCompletionRequest.builder()
                .model("m")
                .messages(ChatMessage.system("Be brief."), ChatMessage.user("Hi"))
                .maxTokens(16)
                .stream(true)
                .streamOptions(StreamOptions.withUsage())
                .extraParameter("top_k", IntNode.valueOf(5))
                .build();

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(request));

        assertThat(written.propertyNames()).containsExactlyInAnyOrder("model", "messages", "max_tokens",
                "stream", "stream_options", "top_k");
        assertThat(written.at("/messages/0/role").asString()).isEqualTo("system");
        assertThat(written.at("/messages/1/content").asString()).isEqualTo("Hi");
        assertThat(written.at("/stream_options/include_usage").asBoolean()).isTrue();
    }
}
