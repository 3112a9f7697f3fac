package io.llmplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.llmplatform.simulator.generation.ContentMode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unchanged, against the simulator as it would be against vLLM. */
class OpenAiSdkClientTest {

    private static VllmSimulator simulator;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("Qwen/Qwen2.5-7B-Instruct")
                .contentMode(ContentMode.ECHO).maxModelLen(256).build());
        client = OpenAIOkHttpClient.builder().baseUrl(simulator.openAiBaseUrl()).apiKey("unused").maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void chatCompletionReturnsTheAnswerFinishReasonAndUsage() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("Qwen/Qwen2.5-7B-Instruct").addUserMessage("The river crosses the bridge.").build());

        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).contains("The river crosses the bridge.");
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        });
        assertThat(completion.model()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.completionTokens()).isEqualTo(6);
            assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + 6);
        });
    }

    @Test
    void streamingDeliversTheTextInChunksThenAUsageOnlyChunk() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("Qwen/Qwen2.5-7B-Instruct")
                .addUserMessage("The river crosses the bridge.")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }

        String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse("")).reduce("", String::concat);
        assertThat(text).isEqualTo("The river crosses the bridge.");
        assertThat(chunks.getFirst().choices().getFirst().delta().role())
                .hasValue(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).hasValueSatisfying(usage -> assertThat(usage.completionTokens()).isEqualTo(6));
        assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason())
                .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void unknownModelIsTheSdksNotFoundExceptionWithVllmsMessage() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-5").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(404);
                    assertThat(error.getMessage()).contains("The model `gpt-5` does not exist.");
                    assertThat(error.param()).hasValue("model");
                    assertThat(error.type()).hasValue("NotFoundError");
                });
    }

    @Test
    void promptBeyondTheContextWindowIsTheSdksBadRequestException() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("Qwen/Qwen2.5-7B-Instruct")
                .addUserMessage("hello there").maxCompletionTokens(1_000).build();

        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, error -> {
                    assertThat(error.getMessage()).contains("This model's maximum context length is 256 tokens");
                    assertThat(error.type()).hasValue("BadRequestError");
                });
    }

    @Test
    void injectedRateLimitIsTheSdksRateLimitException() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("Qwen/Qwen2.5-7B-Instruct")
                .addUserMessage("hi").putAdditionalHeader("X-Simulator-Fault", "status=429").build();

        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void legacyCompletionsEmbeddingsAndModelsWorkToo() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model("Qwen/Qwen2.5-7B-Instruct").prompt("the river and the bridge").maxTokens(3L).build());
        CreateEmbeddingResponse embeddings = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("Qwen/Qwen2.5-7B-Instruct").input("the river").build());
        List<Model> models = client.models().list().data();

        assertThat(completion.choices().getFirst().text()).isEqualTo("the river and");
        assertThat(completion.choices().getFirst().finishReason())
                .isEqualTo(CompletionChoice.FinishReason.LENGTH);
        assertThat(embeddings.data().getFirst().embedding()).hasSize(384);
        assertThat(models).extracting(Model::id).containsExactly("Qwen/Qwen2.5-7B-Instruct");
    }
}
