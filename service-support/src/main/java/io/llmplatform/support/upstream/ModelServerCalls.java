package io.llmplatform.support.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
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
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs to model servers' OpenAI-compatible APIs. A connection that cannot be made is retried, since nothing was
 * sent; nothing else is, since the server may have started working. Each endpoint has a circuit breaker: once most
 * recent calls failed, callers get a fast 503 {@code model_unavailable} instead of waiting on a dead server. Error
 * answers become the matching {@link PlatformException} (see {@link ModelServerErrors}).
 */
public final class ModelServerCalls {

    /**
     * Idle connections the JDK HTTP client keeps per process (to model servers). Unbounded by default, and a request
     * that takes one searches that list from one end: after a burst of a thousand concurrent calls every later call
     * paid for walking it, until those connections timed out. A bounded list closes the surplus when it comes back.
     */
    private static final String IDLE_CONNECTIONS_PROPERTY = "jdk.httpclient.connectionPoolSize";
    private static final String IDLE_CONNECTIONS = "128";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final HttpClient http;
    private final CircuitBreakerRegistry breakers;
    private final int connectRetries;
    private final JsonMapper json;
    private final ObservationRegistry observations;

    public ModelServerCalls(Duration connectTimeout, int connectRetries, CircuitBreakerRegistry breakers,
            JsonMapper json) {
        this(connectTimeout, connectRetries, breakers, json, ObservationRegistry.NOOP);
    }

    /** With {@code observations}, every call is a client span with GenAI attributes (see ModelCallObservation). */
    public ModelServerCalls(Duration connectTimeout, int connectRetries, CircuitBreakerRegistry breakers,
            JsonMapper json, ObservationRegistry observations) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        this.connectRetries = connectRetries;
        this.breakers = breakers;
        this.json = json;
        this.observations = observations;
    }

    /** Call from {@code main}, before any HTTP client exists: bounds the JDK HTTP client's idle connections. */
    public static void limitIdleConnections() {
        System.getProperties().putIfAbsent(IDLE_CONNECTIONS_PROPERTY, IDLE_CONNECTIONS);
    }

    /** One circuit breaker per model endpoint, created on first use, with its state in the metrics. */
    public static CircuitBreakerRegistry breakers(ModelServerResilience resilience, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(resilience.slidingWindowCalls())
                .minimumNumberOfCalls(Math.min(5, resilience.slidingWindowCalls()))
                .failureRateThreshold(resilience.failureRateThreshold())
                .waitDurationInOpenState(resilience.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    /**
     * Posts {@code body} to {@code path} under the server's {@code /v1} and returns once the answer's headers
     * arrived (the body is read as it comes). An error answer becomes the matching {@link PlatformException}.
     *
     * @param timeout until the answer's headers: for a stream its first token, otherwise the whole answer
     * @param inputField the request field a context-length overflow is blamed on
     */
    public UpstreamResponse post(ModelServer server, String path, byte[] body, Duration timeout, String inputField) {
        CircuitBreaker breaker = breaker(server);
        if (!breaker.tryAcquirePermission()) {
            throw ModelServerErrors.unavailable("The model '" + server.name()
                    + "' is failing; requests are paused for a few seconds", "5");
        }
        HttpRequest.Builder builder = request(server, path, body, timeout);
        ModelCallObservation observation = ModelCallObservation.start(observations, server, path, builder);
        try {
            return send(server, builder.build(), breaker, observation, inputField, timeout);
        } catch (RuntimeException failed) {
            observation.failed(failed);
            throw failed;
        }
    }

    private UpstreamResponse send(ModelServer server, HttpRequest request, CircuitBreaker breaker,
            ModelCallObservation observation, String inputField, Duration timeout) {
        long started = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                observation.answered(response.statusCode());
                UpstreamResponse upstream = new UpstreamResponse(response, started, observation);
                record(breaker, started, response.statusCode() < 500);
                if (response.statusCode() >= 400) {
                    throw ModelServerErrors.from(upstream, server.name(), inputField, json);
                }
                return upstream;
            } catch (ConnectException | HttpConnectTimeoutException unreachable) {
                if (attempt < connectRetries) {
                    pause();
                    continue;
                }
                record(breaker, started, false);
                throw ModelServerErrors.unavailable("The model '" + server.name() + "' cannot be reached", "2");
            } catch (HttpTimeoutException slow) {
                record(breaker, started, false);
                throw new PlatformException(ErrorCode.MODEL_TIMEOUT, "The model '" + server.name()
                        + "' did not answer within " + timeout);
            } catch (IOException failed) {
                record(breaker, started, false);
                throw ModelServerErrors.unavailable("The model '" + server.name() + "' failed: "
                        + failed.getMessage(), "2");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw ModelServerErrors.unavailable("Interrupted while calling the model", "1");
            }
        }
    }

    /**
     * The endpoint's circuit breaker (also for calls made through another client, LangChain4j): one per name and
     * server, so a name that model-manager moves to another server starts there with a fresh one, not with the
     * verdict on the server it left.
     */
    public CircuitBreaker breaker(ModelServer server) {
        return breakers.circuitBreaker(server.name() + " @ " + server.openAiBaseUrl());
    }

    /** Counts a call that started at {@code started} ({@link System#nanoTime()}) for or against its circuit. */
    public static void record(CircuitBreaker breaker, long started, boolean success) {
        long elapsed = System.nanoTime() - started;
        if (success) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IOException("model server call failed"));
        }
    }

    private static HttpRequest.Builder request(ModelServer server, String path, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (server.apiKey() != null && !server.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + server.apiKey());
        }
        return request;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
