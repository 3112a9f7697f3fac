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
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a model server's OpenAI-compatible API: raw, for the OpenAI-compatible proxy, or through LangChain4j, for
 * conversations. A connection that cannot be made is retried, since nothing was sent; nothing else is, since
 * generation may have started. Each endpoint has a circuit breaker: once most recent calls
 * failed, requests get a fast 503 {@code model_unavailable} instead of waiting on a dead server.
 */
@Component
public class ModelServerClient {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final HttpClient http;
    private final CircuitBreakerRegistry breakers;
    private final ChatProperties.Timeouts timeouts;
    private final int connectRetries;
    private final JsonMapper json;
    /** By the whole endpoint: after a switch the same name may route to another server or model. */
    private final Map<ModelEndpoint, OpenAiChatModel> chatModels = new ConcurrentHashMap<>();
    private final Map<ModelEndpoint, OpenAiStreamingChatModel> streamingModels = new ConcurrentHashMap<>();

    ModelServerClient(ChatProperties properties, CircuitBreakerRegistry breakers, JsonMapper json) {
        this.timeouts = properties.timeouts();
        this.connectRetries = properties.resilience().connectRetries();
        this.breakers = breakers;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .build();
    }

    /**
     * Posts an OpenAI chat completion request and returns once the server's headers arrive: for a stream, with its
     * first token; otherwise with the whole answer. An error answer becomes the matching {@link PlatformException}.
     */
    public UpstreamResponse chatCompletion(ModelEndpoint endpoint, byte[] body, boolean stream) {
        CircuitBreaker breaker = breakers.circuitBreaker(endpoint.name());
        if (!breaker.tryAcquirePermission()) {
            throw ModelServerErrors.unavailable("The model '" + endpoint.name()
                    + "' is failing; requests are paused for a few seconds", "5");
        }
        HttpRequest request = request(endpoint, "/chat/completions", body,
                stream ? timeouts.firstToken() : timeouts.request());
        long started = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                UpstreamResponse upstream = new UpstreamResponse(response, started);
                record(breaker, started, response.statusCode() < 500);
                if (response.statusCode() >= 400) {
                    throw ModelServerErrors.from(upstream, endpoint.name(), json);
                }
                return upstream;
            } catch (ConnectException | HttpConnectTimeoutException unreachable) {
                if (attempt < connectRetries) {
                    pause();
                    continue;
                }
                record(breaker, started, false);
                throw ModelServerErrors.unavailable("The model '" + endpoint.name() + "' cannot be reached", "2");
            } catch (HttpTimeoutException slow) {
                record(breaker, started, false);
                throw new PlatformException(ErrorCode.MODEL_TIMEOUT, "The model '" + endpoint.name()
                        + "' did not answer within " + (stream ? timeouts.firstToken() : timeouts.request()));
            } catch (IOException failed) {
                record(breaker, started, false);
                throw ModelServerErrors.unavailable("The model '" + endpoint.name() + "' failed: "
                        + failed.getMessage(), "2");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw ModelServerErrors.unavailable("Interrupted while calling the model", "1");
            }
        }
    }

    /** A conversation turn through LangChain4j, guarded by the endpoint's circuit breaker. */
    public ChatResponse chat(ModelEndpoint endpoint, ChatRequest request) {
        CircuitBreaker breaker = breakers.circuitBreaker(endpoint.name());
        long started = System.nanoTime();
        try {
            breaker.acquirePermission();
            ChatResponse response = chatModels.computeIfAbsent(endpoint, this::chatModel)
                    .chat(request);
            record(breaker, started, true);
            return response;
        } catch (RuntimeException failure) {
            if (!(failure instanceof CallNotPermittedException)) {
                record(breaker, started, !LangChainErrors.serverFault(failure));
            }
            throw LangChainErrors.translate(failure, endpoint.name());
        }
    }

    /**
     * A streamed conversation turn through LangChain4j. The handler is called on LangChain4j's thread; failures to
     * start (an open circuit) are thrown here, later ones reach the handler already translated.
     */
    public void streamChat(ModelEndpoint endpoint, ChatRequest request, StreamingChatResponseHandler handler) {
        CircuitBreaker breaker = breakers.circuitBreaker(endpoint.name());
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
                        record(breaker, started, true);
                        handler.onCompleteResponse(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        record(breaker, started, !LangChainErrors.serverFault(failure));
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

    private HttpRequest request(ModelEndpoint endpoint, String path, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.openAiBaseUrl() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return request.build();
    }

    private static void record(CircuitBreaker breaker, long started, boolean success) {
        long elapsed = System.nanoTime() - started;
        if (success) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IOException("model server call failed"));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
