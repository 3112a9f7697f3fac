package io.llmplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tool-calling clients against the simulator: the OpenAI Java SDK and LangChain4j, as they would run against vLLM. */
class ToolCallingTest {

    private static final String MODEL = "Qwen/Qwen2.5-7B-Instruct";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> WEATHER_PARAMETERS = Map.of(
            "type", "object",
            "properties", Map.of(
                    "city", Map.of("type", "string", "minLength", 2),
                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                    "days", Map.of("type", "integer", "minimum", 1, "maximum", 7)),
            "required", List.of("city", "unit", "days"));
    /** The same function as LangChain4j's {@link #weatherTool()} describes it: without the bounds. */
    private static final Map<String, Object> LANGCHAIN4J_WEATHER_PARAMETERS = Map.of(
            "type", "object",
            "properties", Map.of(
                    "city", Map.of("type", "string"),
                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                    "days", Map.of("type", "integer")),
            "required", List.of("city", "unit", "days"));

    private static VllmSimulator simulator;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels(MODEL).build());
        client = OpenAIOkHttpClient.builder().baseUrl(simulator.openAiBaseUrl()).apiKey("unused").maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void requiredToolChoiceCallsAToolWithArgumentsValidAgainstItsSchema() {
        ChatCompletion completion = client.chat().completions().create(withTools("What should I wear tomorrow?")
                .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build());

        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst()
                .asFunction();
        assertThat(call.id()).matches("chatcmpl-tool-[0-9a-f]{32}");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertValidWeatherArguments(call.function().arguments());
        assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
    }

    @Test
    void aNamedFunctionIsCalledAndFinishesWithStopAsOpenAiAndVllmDo() {
        ChatCompletion completion = client.chat().completions().create(withTools("Hello")
                .toolChoice(ChatCompletionNamedToolChoice.builder().function(ChatCompletionNamedToolChoice.Function
                        .builder().name("get_time").build()).build())
                .build());

        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message().toolCalls().orElseThrow().getFirst().asFunction().function().name())
                .isEqualTo("get_time");
    }

    @Test
    void autoCallsTheToolTheUserNamesThenAnswersTheToolsResultInText() {
        ChatCompletion first = client.chat().completions().create(withTools("Please call get_weather for Oslo")
                .build());
        ChatCompletionMessageFunctionToolCall call = first.choices().getFirst().message().toolCalls().orElseThrow()
                .getFirst().asFunction();
        ChatCompletion answered = client.chat().completions().create(withTools("Please call get_weather for Oslo")
                .addMessage(first.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id())
                        .content("{\"temperature\": 12}").build())
                .build());
        ChatCompletion unrelated = client.chat().completions().create(withTools("Tell me a story").build());

        assertThat(first.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(answered.choices().getFirst().message().toolCalls()).isEmpty();
        assertThat(answered.choices().getFirst().message().content()).hasValueSatisfying(text ->
                assertThat(text).isNotBlank());
        assertThat(unrelated.choices().getFirst().message().toolCalls()).isEmpty();
    }

    @Test
    void noneAnswersInTextWhateverTheTools() {
        ChatCompletion completion = client.chat().completions().create(withTools("call get_weather")
                .toolChoice(ChatCompletionToolChoiceOption.Auto.NONE).build());

        assertThat(completion.choices().getFirst().message().toolCalls()).isEmpty();
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void aStreamedToolCallArrivesAsArgumentDeltasThatAddUpToValidArguments() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                withTools("weather?").toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build())) {
            stream.stream().forEach(chunk -> chunks.add(accumulator.accumulate(chunk)));
        }

        List<ChatCompletionChunk.Choice.Delta.ToolCall> deltas = chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .flatMap(choice -> choice.delta().toolCalls().stream().flatMap(List::stream)).toList();
        assertThat(deltas).hasSizeGreaterThan(2);
        assertThat(deltas.getFirst().id()).hasValueSatisfying(id -> assertThat(id).startsWith("chatcmpl-tool-"));
        assertThat(deltas.getFirst().function().orElseThrow().name()).hasValue("get_weather");
        assertThat(deltas.subList(1, deltas.size())).allSatisfy(delta -> {
            assertThat(delta.id()).isEmpty();
            assertThat(delta.index()).isZero();
        });
        ChatCompletion.Choice whole = accumulator.chatCompletion().choices().getFirst();
        assertThat(whole.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertValidWeatherArguments(whole.message().toolCalls().orElseThrow().getFirst().asFunction().function()
                .arguments());
    }

    @Test
    void aNamedFunctionThatIsNotAmongTheToolsIsABadRequest() {
        assertThatThrownBy(() -> client.chat().completions().create(withTools("hi")
                .toolChoice(ChatCompletionNamedToolChoice.builder().function(ChatCompletionNamedToolChoice.Function
                        .builder().name("launch_rocket").build()).build())
                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Tool 'launch_rocket' has not been passed in `tools`.");
    }

    @Test
    void langChain4jGetsAToolExecutionRequestAndThenTheAnswer() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(simulator.openAiBaseUrl()).apiKey("unused")
                .modelName(MODEL).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
        UserMessage question = UserMessage.from("What does get_weather say for Lisbon?");

        ChatResponse first = model.chat(ChatRequest.builder().messages(question)
                .toolSpecifications(weatherTool()).build());
        ToolExecutionRequest request = first.aiMessage().toolExecutionRequests().getFirst();
        ChatResponse answer = model.chat(ChatRequest.builder().messages(question, first.aiMessage(),
                ToolExecutionResultMessage.from(request, "sunny, 21 degrees")).toolSpecifications(weatherTool())
                .build());

        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(request.name()).isEqualTo("get_weather");
        assertValidArguments(request.arguments(), LANGCHAIN4J_WEATHER_PARAMETERS);
        assertThat(answer.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(answer.aiMessage().text()).isNotBlank();
    }

    @Test
    void langChain4jStreamingAssemblesTheToolCall() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(simulator.openAiBaseUrl())
                .apiKey("unused").modelName(MODEL).timeout(Duration.ofSeconds(10)).build();
        CompletableFuture<ChatResponse> completed = new CompletableFuture<>();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Weather, please"))
                .toolSpecifications(weatherTool()).toolChoice(ToolChoice.REQUIRED).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {
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

        AiMessage message = completed.get(10, TimeUnit.SECONDS).aiMessage();
        assertThat(message.toolExecutionRequests()).singleElement().satisfies(request -> {
            assertThat(request.name()).isEqualTo("get_weather");
            assertThat(request.id()).startsWith("chatcmpl-tool-");
            assertValidArguments(request.arguments(), LANGCHAIN4J_WEATHER_PARAMETERS);
        });
    }

    private static ChatCompletionCreateParams.Builder withTools(String userMessage) {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(userMessage)
                .addFunctionTool(FunctionDefinition.builder().name("get_weather")
                        .description("The forecast for a city").parameters(parameters(WEATHER_PARAMETERS)).build())
                .addFunctionTool(FunctionDefinition.builder().name("get_time").description("The time now")
                        .parameters(parameters(Map.of("type", "object", "properties", Map.of()))).build());
    }

    private static FunctionParameters parameters(Map<String, Object> schema) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        schema.forEach((name, value) -> parameters.putAdditionalProperty(name, JsonValue.from(value)));
        return parameters.build();
    }

    private static ToolSpecification weatherTool() {
        return ToolSpecification.builder().name("get_weather").description("The forecast for a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").addEnumProperty("unit",
                        List.of("celsius", "fahrenheit")).addIntegerProperty("days")
                        .required("city", "unit", "days").build())
                .build();
    }

    private static void assertValidWeatherArguments(String arguments) {
        assertValidArguments(arguments, WEATHER_PARAMETERS);
    }

    private static void assertValidArguments(String arguments, Map<String, Object> schema) {
        JsonNode parsed = JSON.readTree(arguments);
        assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.valueToTree(schema)).validate(parsed)).as(arguments).isEmpty();
        assertThat(parsed.propertyNames()).contains("city", "unit", "days");
    }
}
