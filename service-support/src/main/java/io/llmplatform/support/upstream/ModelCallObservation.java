package io.llmplatform.support.upstream;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call to a model server as an observation: a client span named as the OpenTelemetry GenAI conventions say
 * ({@code chat <model>}), carrying {@code gen_ai.operation.name}, {@code gen_ai.request.model}, the server's address
 * and, once known, {@code gen_ai.usage.input_tokens}/{@code output_tokens}; its W3C trace context goes on the request,
 * so the model server's own spans (vLLM's, with {@code --otlp-traces-endpoint}) join the trace. The JDK HTTP client
 * has no instrumentation of its own. Metrics: {@code platform.model.calls}, by operation, model and outcome.
 */
final class ModelCallObservation {

    static final String NAME = "platform.model.calls";

    private final Observation observation;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ModelCallObservation(Observation observation) {
        this.observation = observation;
    }

    /** Starts the observation and puts the trace context on {@code request}, which must be built after this. */
    static ModelCallObservation start(ObservationRegistry registry, ModelServer server, String path,
            HttpRequest.Builder request) {
        RequestReplySenderContext<HttpRequest.Builder, HttpResponse<?>> context = new RequestReplySenderContext<>(
                HttpRequest.Builder::setHeader, Kind.CLIENT);
        context.setCarrier(request);
        URI address = URI.create(server.openAiBaseUrl());
        context.setRemoteServiceName(address.getHost());
        context.setRemoteServiceAddress(address.getScheme() + "://" + address.getAuthority());
        String operation = operation(path);
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName(operation + " " + server.name())
                .lowCardinalityKeyValue("gen_ai.operation.name", operation)
                .lowCardinalityKeyValue("gen_ai.request.model", server.name())
                .highCardinalityKeyValue("gen_ai.provider.name", "openai")
                .highCardinalityKeyValue("server.address", String.valueOf(address.getHost()))
                .highCardinalityKeyValue("server.port", Integer.toString(address.getPort()))
                .start();
        return new ModelCallObservation(observation);
    }

    void answered(int status) {
        observation.highCardinalityKeyValue("http.response.status_code", Integer.toString(status));
    }

    void usage(long inputTokens, long outputTokens) {
        observation.highCardinalityKeyValue(KeyValue.of("gen_ai.usage.input_tokens", Long.toString(inputTokens)));
        observation.highCardinalityKeyValue(KeyValue.of("gen_ai.usage.output_tokens", Long.toString(outputTokens)));
    }

    void failed(Throwable failure) {
        if (!stopped.get()) {
            observation.error(failure);
        }
        stop();
    }

    /** Ends the span and records the timer, once, whoever calls first (a failure or the response's close). */
    void stop() {
        if (stopped.compareAndSet(false, true)) {
            observation.stop();
        }
    }

    /** The GenAI operation name of an OpenAI API path. */
    static String operation(String path) {
        return switch (path) {
            case "/chat/completions" -> "chat";
            case "/completions" -> "text_completion";
            case "/embeddings" -> "embeddings";
            case "/rerank" -> "rerank";
            default -> path.replaceFirst("^/", "");
        };
    }
}
