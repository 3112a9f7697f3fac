package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.contracts.openai.ChatCompletionResponse;
import io.llmplatform.contracts.openai.ChatMessage;
import io.llmplatform.contracts.openai.ToolCall;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.generation.Completion;
import io.llmplatform.simulator.generation.PlannedToolCall;
import io.llmplatform.simulator.generation.SamplingParameters;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.tokenizer.ChatTemplate;
import io.llmplatform.simulator.tools.ToolCallPlanner;
import io.llmplatform.simulator.tools.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.node.StringNode;

/** {@code POST /v1/chat/completions}, streaming or not, as vLLM serves it. */
public final class ChatCompletionEndpoint {

    private final CompletionServices services;
    private final ToolCallPlanner toolCalls;

    public ChatCompletionEndpoint(CompletionServices services) {
        this.services = services;
        this.toolCalls = new ToolCallPlanner(services.tokenizer());
    }

    public Publisher<Void> handle(HttpServerRequest httpRequest, HttpServerResponse response) {
        return RequestBodies.readJson(httpRequest).flatMap(body -> {
            services.recorder().record(httpRequest, body);
            RequestFault fault = services.guard().admit(httpRequest);
            ChatCompletionRequest request = services.json().read(body, ChatCompletionRequest.class);
            if (request.messages() == null || request.messages().isEmpty()) {
                throw VllmError.badRequest("messages must be a non-empty list", "messages");
            }
            String model = services.models().resolve(request.model());
            PlannedCompletion planned = plan(request, fault);
            String id = ResponseIds.of("chatcmpl-", httpRequest);
            long created = services.clock().instant().getEpochSecond();
            if (request.streaming()) {
                return Mono.from(Responses.stream(services, response, new ChatStreamOutput(Responses.channelOf(
                        response), new ChatChunks(services.json(), id, created, model),
                        StreamUsage.of(request.streamOptions())), planned));
            }
            return Mono.from(Responses.buffered(services, response, (steps, reasons, usage) -> services.json()
                    .write(fullResponse(id, created, model, planned.completions(), steps, reasons, usage)), planned));
        });
    }

    private PlannedCompletion plan(ChatCompletionRequest request, RequestFault fault) {
        SamplingRules.checkTemperatureAndTopP(request.temperature(), request.topP());
        int choices = SamplingRules.choices(request.n());
        String toolsJson = request.tools() == null || request.tools().isEmpty() ? null
                : new String(services.json().write(request.tools()), StandardCharsets.UTF_8);
        int promptTokens = services.tokenizer().count(
                services.chatTemplate().render(request.messages(), toolsJson, true));
        int maxTokens = SamplingRules.maxTokens(request.effectiveMaxTokens(), promptTokens, services.maxModelLen());
        SamplingParameters parameters = SamplingRules.parameters(maxTokens, request.stop(), request.seed(), choices,
                request.extraParameters()::get);
        ToolChoice toolChoice = ToolChoice.decide(request.tools(), request.toolChoice(), request.messages());
        List<Completion> completions = toolChoice.callsATool() ? toolCalls.plan(toolChoice, parameters)
                : services.planner().plan(ChatTemplate.lastUserText(request.messages()), parameters);
        return new PlannedCompletion(completions, promptTokens, fault);
    }

    private static ChatCompletionResponse fullResponse(String id, long created, String model,
            List<Completion> completions, int stepsEmitted, List<String> reasons, Usage usage) {
        List<ChatCompletionResponse.Choice> choices = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            String stopReason = Completion.ABORT.equals(reasons.get(i)) ? null : completion.stopReason();
            choices.add(new ChatCompletionResponse.Choice(i, message(completion, stepsEmitted), null,
                    completion.reportedFinishReason(reasons.get(i)),
                    stopReason == null ? null : StringNode.valueOf(stopReason)));
        }
        return new ChatCompletionResponse(id, ChatCompletionResponse.OBJECT, created, model, choices, usage, null);
    }

    /** Text, or a tool call whose arguments are the text; vLLM sends empty content beside a forced call. */
    private static ChatMessage message(Completion completion, int stepsEmitted) {
        PlannedToolCall call = completion.toolCall();
        if (call == null) {
            return ChatMessage.assistant(completion.textUpTo(stepsEmitted));
        }
        return new ChatMessage(ChatMessage.ASSISTANT, StringNode.valueOf(""), null, List.of(new ToolCall(null,
                call.id(), "function", new ToolCall.Function(call.name(), completion.textUpTo(stepsEmitted)))),
                null, null);
    }
}
