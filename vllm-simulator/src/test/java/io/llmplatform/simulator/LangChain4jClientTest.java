package io.llmplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import io.llmplatform.simulator.generation.ContentMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI models, as chat-service uses them, against the simulator. */
class LangChain4jClientTest {

    private static final String MODEL = "Qwen/Qwen2.5-7B-Instruct";
    private static VllmSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels(MODEL)
                .contentMode(ContentMode.ECHO).maxModelLen(512).build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void chatModelReturnsTheAnswerWithTokenUsageAndFinishReason() {
        OpenAiChatModel model = chatModel(MODEL, 100);

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("The river crosses the bridge.")).build());

        assertThat(response.aiMessage().text()).isEqualTo("The river crosses the bridge.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(6);
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.metadata().modelName()).isEqualTo(MODEL);
    }

    @Test
    void chatModelReportsLengthWhenMaxTokensCutsTheAnswer() {
        ChatResponse response = chatModel(MODEL, 2).chat(ChatRequest.builder()
                .messages(UserMessage.from("The river crosses the bridge.")).build());

        assertThat(response.aiMessage().text()).isEqualTo("The river");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void streamingModelDeliversPartialResponsesAndTheCompleteResponseWithUsage() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(simulator.openAiBaseUrl())
                .apiKey("unused").modelName(MODEL).timeout(Duration.ofSeconds(10)).build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> completed = new CompletableFuture<>();

        model.chat("The river crosses the bridge.", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                completed.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                completed.completeExceptionally(error);
            }
        });

        ChatResponse response = completed.get(10, TimeUnit.SECONDS);
        assertThat(partials).containsExactly("The", " river", " crosses", " the", " bridge", ".");
        assertThat(response.aiMessage().text()).isEqualTo("The river crosses the bridge.");
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(6);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void unknownModelMapsToModelNotFoundException() {
        assertThatThrownBy(() -> chatModel("llama-9000", 10).chat("hi"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("The model `llama-9000` does not exist.");
    }

    @Test
    void contextLengthErrorMapsToInvalidRequestException() {
        assertThatThrownBy(() -> chatModel(MODEL, 5_000).chat("hi"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("maximum context length is 512 tokens");
    }

    private static OpenAiChatModel chatModel(String modelName, int maxTokens) {
        return OpenAiChatModel.builder().baseUrl(simulator.openAiBaseUrl()).apiKey("unused").modelName(modelName)
                .maxTokens(maxTokens).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
    }
}
