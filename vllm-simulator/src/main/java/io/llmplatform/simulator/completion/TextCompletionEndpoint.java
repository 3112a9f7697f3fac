package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.generation.Completion;
import io.llmplatform.simulator.generation.SamplingParameters;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.tokenizer.Prompts;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code POST /v1/completions}, streaming or not, as vLLM serves it. Several prompts give {@code n} choices each,
 * numbered prompt by prompt; their prompt tokens add up in the usage. With {@code echo} each choice starts with its
 * prompt.
 */
public final class TextCompletionEndpoint {

    private final CompletionServices services;

    public TextCompletionEndpoint(CompletionServices services) {
        this.services = services;
    }

    public Publisher<Void> handle(HttpServerRequest httpRequest, HttpServerResponse response) {
        return RequestBodies.readJson(httpRequest).flatMap(body -> {
            services.recorder().record(httpRequest, body);
            RequestFault fault = services.guard().admit(httpRequest);
            JsonNode tree = services.json().readTree(body);
            TextCompletionRequest request = services.json().convert(tree, TextCompletionRequest.class);
            String model = services.models().resolve(request.model());
            Prompts prompts = Prompts.read(request.prompt(), services.tokenizer(), "prompt");
            List<String> echoes = new ArrayList<>();
            PlannedCompletion planned = plan(request, request.effectiveMaxTokens(tree), prompts, echoes, fault);
            String id = ResponseIds.of("cmpl-", httpRequest);
            long created = services.clock().instant().getEpochSecond();
            if (request.streaming()) {
                return Mono.from(Responses.stream(services, response, new TextStreamOutput(Responses.channelOf(
                        response), services.json(), id, created, model, echoes,
                        StreamUsage.of(request.streamOptions())), planned));
            }
            return Mono.from(Responses.buffered(services, response, (steps, reasons, usage) -> services.json()
                    .write(fullResponse(id, created, model, planned.completions(), echoes, steps, reasons, usage)),
                    planned));
        });
    }

    /** Plans every prompt's choices; {@code echoes} receives the text each choice starts with. */
    private PlannedCompletion plan(TextCompletionRequest request, Integer requestedMaxTokens, Prompts prompts,
            List<String> echoes, RequestFault fault) {
        SamplingRules.checkTemperatureAndTopP(request.temperature(), request.topP());
        int choices = SamplingRules.choices(request.n());
        List<Completion> completions = new ArrayList<>();
        int promptTokens = 0;
        for (int p = 0; p < prompts.texts().size(); p++) {
            int tokens = prompts.tokenCounts().get(p);
            int maxTokens = SamplingRules.maxTokens(requestedMaxTokens, tokens, services.maxModelLen());
            SamplingParameters parameters = new SamplingParameters(maxTokens, request.stop(), request.seed(),
                    Boolean.TRUE.equals(request.ignoreEos()), Boolean.TRUE.equals(request.includeStopStrInOutput()),
                    choices);
            completions.addAll(services.planner().plan(prompts.texts().get(p), parameters));
            for (int c = 0; c < choices; c++) {
                echoes.add(request.echoes() ? prompts.texts().get(p) : "");
            }
            promptTokens += tokens;
        }
        return new PlannedCompletion(completions, promptTokens, fault);
    }

    private static TextCompletion fullResponse(String id, long created, String model, List<Completion> completions,
            List<String> echoes, int stepsEmitted, List<String> reasons, Usage usage) {
        List<TextCompletion.Choice> choices = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            Completion completion = completions.get(i);
            String stopReason = Completion.ABORT.equals(reasons.get(i)) ? null : completion.stopReason();
            choices.add(new TextCompletion.Choice(i, echoes.get(i) + completion.textUpTo(stepsEmitted), null,
                    reasons.get(i), stopReason == null ? null : StringNode.valueOf(stopReason)));
        }
        return new TextCompletion(id, TextCompletion.OBJECT, created, model, choices, usage);
    }
}
