package io.llmplatform.chat.upstream;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.upstream.ModelServerCalls;
import io.llmplatform.support.upstream.UpstreamResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Calls a model server's OpenAI-compatible API: raw, for the OpenAI-compatible proxy (through service-support's
 * {@link ModelServerCalls}: connect retries only, a circuit breaker per endpoint), or through LangChain4j, for
 * conversations, guarded by the same breakers.
 */
@Component
public class ModelServerClient {

    private final ModelServerCalls calls;
    private final ChatProperties.Timeouts timeouts;
    /** By the whole endpoint: after a switch the same name may route to another server or model. */
    private final Map<ModelEndpoint, OpenAiChatModel> chatModels = new ConcurrentHashMap<>();
    private final Map<ModelEndpoint, OpenAiStreamingChatModel> streamingModels = new ConcurrentHashMap<>();

    ModelServerClient(ChatProperties properties, ModelServerCalls calls) {
        this.timeouts = properties.timeouts();
        this.calls = calls;
    }

    /**
     * Posts an OpenAI chat completion request and returns once the server's headers arrive: for a stream, with its
     * first token; otherwise with the whole answer. An error answer becomes the matching {@link PlatformException}.
     */
    public UpstreamResponse chatCompletion(ModelEndpoint endpoint, byte[] body, boolean stream) {
        return calls.post(endpoint, "/chat/completions", body, stream ? timeouts.firstToken() : timeouts.request(),
                "messages");
    }

    /** A conversation turn through LangChain4j, guarded by the endpoint's circuit breaker. */
    public ChatResponse chat(ModelEndpoint endpoint, ChatRequest request) {
        CircuitBreaker breaker = calls.breaker(endpoint);
        long started = System.nanoTime();
        try {
            breaker.acquirePermission();
            ChatResponse response = chatModels.computeIfAbsent(endpoint, this::chatModel)
                    .chat(request);
            ModelServerCalls.record(breaker, started, true);
            return response;
        } catch (RuntimeException failure) {
            if (!(failure instanceof CallNotPermittedException)) {
                ModelServerCalls.record(breaker, started, !LangChainErrors.serverFault(failure));
            }
            throw LangChainErrors.translate(failure, endpoint.name());
        }
    }

    /**
     * A streamed conversation turn through LangChain4j. The handler is called on LangChain4j's thread; failures to
     * start (an open circuit) are thrown here, later ones reach the handler already translated.
     */
    public void streamChat(ModelEndpoint endpoint, ChatRequest request, StreamingChatResponseHandler handler) {
        CircuitBreaker breaker = calls.breaker(endpoint);
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException open) {
            throw LangChainErrors.translate(open, endpoint.name());
        }
        long started = System.nanoTime();
        streamingModels.computeIfAbsent(endpoint, this::streamingModel)
                .chat(request, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                        handler.onPartialResponse(partial, context);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        ModelServerCalls.record(breaker, started, true);
                        handler.onCompleteResponse(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        ModelServerCalls.record(breaker, started, !LangChainErrors.serverFault(failure));
                        handler.onError(LangChainErrors.translate(failure, endpoint.name()));
                    }
                });
    }

    private OpenAiChatModel chatModel(ModelEndpoint endpoint) {
        return OpenAiChatModel.builder().baseUrl(endpoint.openAiBaseUrl()).apiKey(apiKey(endpoint))
                .modelName(endpoint.upstreamModel()).timeout(timeouts.request()).maxRetries(0).build();
    }

    private OpenAiStreamingChatModel streamingModel(ModelEndpoint endpoint) {
        return OpenAiStreamingChatModel.builder().baseUrl(endpoint.openAiBaseUrl()).apiKey(apiKey(endpoint))
                .modelName(endpoint.upstreamModel()).timeout(timeouts.request()).build();
    }

    /** vLLM without {@code --api-key} ignores the header; LangChain4j insists on sending one. */
    private static String apiKey(ModelEndpoint endpoint) {
        return endpoint.apiKey() != null && !endpoint.apiKey().isBlank() ? endpoint.apiKey() : "not-needed";
    }
}
