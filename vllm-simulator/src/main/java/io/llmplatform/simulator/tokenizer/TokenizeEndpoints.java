package io.llmplatform.simulator.tokenizer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmplatform.contracts.openai.ChatMessage;
import io.llmplatform.simulator.http.Replies;
import io.llmplatform.simulator.http.RequestBodies;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.model.ServedModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** vLLM's {@code POST /tokenize} (a prompt, or chat messages through the chat template) and {@code /detokenize}. */
public final class TokenizeEndpoints {

    private final SimulatedTokenizer tokenizer;
    private final ChatTemplate template;
    private final ServedModels models;
    private final SimulatorJson json;
    private final int maxModelLen;

    public TokenizeEndpoints(SimulatedTokenizer tokenizer, ChatTemplate template, ServedModels models,
            SimulatorJson json, int maxModelLen) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.models = models;
        this.json = json;
        this.maxModelLen = maxModelLen;
    }

    public Publisher<Void> tokenize(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            TokenizeRequest tokenize = json.convert(json.readTree(body), TokenizeRequest.class);
            models.resolve(tokenize.model());
            String text;
            if (tokenize.messages() != null) {
                String tools = tokenize.tools() == null ? null
                        : new String(json.write(tokenize.tools()), StandardCharsets.UTF_8);
                boolean generationPrompt = !Boolean.FALSE.equals(tokenize.addGenerationPrompt());
                text = template.render(tokenize.messages(), tools, generationPrompt);
            } else if (tokenize.prompt() != null) {
                text = tokenize.prompt();
            } else {
                throw VllmError.badRequest("Either prompt or messages must be given", "prompt");
            }
            List<Integer> tokens = tokenizer.encode(text);
            if (tokens.size() > maxModelLen) {
                throw VllmError.contextLengthExceeded(maxModelLen, tokens.size(), 0);
            }
            List<String> strings = Boolean.TRUE.equals(tokenize.returnTokenStrs()) ? tokenizer.pieces(text) : null;
            return Mono.from(Replies.json(response, 200,
                    json.write(new TokenizeResponse(tokens.size(), maxModelLen, tokens, strings))));
        });
    }

    public Publisher<Void> detokenize(HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.readJson(request).flatMap(body -> {
            DetokenizeRequest detokenize = json.convert(json.readTree(body), DetokenizeRequest.class);
            models.resolve(detokenize.model());
            if (detokenize.tokens() == null) {
                throw VllmError.badRequest("tokens is required", "tokens");
            }
            String prompt;
            try {
                prompt = tokenizer.decode(detokenize.tokens());
            } catch (IllegalArgumentException e) {
                throw VllmError.badRequest(e.getMessage(), "tokens");
            }
            return Mono.from(Replies.json(response, 200, json.write(new DetokenizeResponse(prompt))));
        });
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenizeRequest(String model, String prompt, List<ChatMessage> messages, JsonNode tools,
            Boolean addGenerationPrompt, Boolean returnTokenStrs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TokenizeResponse(int count, int maxModelLen, List<Integer> tokens, List<String> tokenStrs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DetokenizeRequest(String model, List<Integer> tokens) {
    }

    record DetokenizeResponse(String prompt) {
    }
}
