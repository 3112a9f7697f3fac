package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A LangChain4j application pointed at chat-service works as it would against OpenAI. */
class LangChain4jClientTest extends ChatIntegrationTest {

    @Test
    void chatModelGetsAnAnswerWithTokenUsage() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl() + "/v1").apiKey(token)
                .modelName("default").build();

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("langchain says hi")).build());

        assertThat(response.aiMessage().text()).isEqualTo("langchain says hi");
        assertThat(response.tokenUsage().outputTokenCount()).isPositive();
    }

    @Test
    void streamingChatModelGetsEveryTokenAndTheUsage() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(baseUrl() + "/v1")
                .apiKey(token).modelName("default").build();
        StringBuilder tokens = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat("streamed through the platform", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                tokens.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertThat(tokens.toString()).isEqualTo("streamed through the platform");
        assertThat(response.tokenUsage()).isNotNull();
        assertThat(response.tokenUsage().outputTokenCount()).isPositive();
    }
}
