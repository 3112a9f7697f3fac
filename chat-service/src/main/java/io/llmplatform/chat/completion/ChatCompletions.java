package io.llmplatform.chat.completion;

import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.chat.model.ModelRegistry;
import io.llmplatform.chat.upstream.ModelServerClient;
import io.llmplatform.chat.upstream.StreamWatchdog;
import io.llmplatform.support.upstream.UpstreamResponse;
import io.llmplatform.chat.usage.ChatMetrics;
import io.llmplatform.chat.usage.ModelCall;
import io.llmplatform.chat.usage.UsageRecorder;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.quota.QuotaAdmission;
import io.llmplatform.support.quota.Reservation;
import io.llmplatform.support.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/chat/completions} as a thin, exact proxy: validate, admit against the quota, forward the client's
 * JSON to the model's server, relay the answer as it comes, and record what it cost. Nothing is mapped into and out
 * of objects on the way, so every parameter reaches vLLM and every field of its answer reaches the client. The one
 * exception is the platform's {@code rag} extension ({@link CompletionRetrieval}), which changes the question and
 * adds {@code sources} and {@code retrieval} to the answer (streaming: to its first chunk).
 */
@Service
class ChatCompletions {

    /** Milliseconds this request spent in the platform rather than in the model. */
    static final String OVERHEAD_HEADER = "X-Platform-Overhead-Ms";

    private final CompletionRequestReader reader;
    private final ModelRegistry models;
    private final QuotaAdmission quota;
    private final ModelServerClient modelServers;
    private final UsageRecorder usage;
    private final ChatMetrics metrics;
    private final StreamRelay relay;
    private final CompletionRetrieval retrieval;
    private final JsonMapper json;

    ChatCompletions(CompletionRequestReader reader, ModelRegistry models, QuotaAdmission quota,
            ModelServerClient modelServers, UsageRecorder usage, ChatMetrics metrics, StreamWatchdog watchdog,
            CompletionRetrieval retrieval, JsonMapper json) {
        this.retrieval = retrieval;
        this.reader = reader;
        this.models = models;
        this.quota = quota;
        this.modelServers = modelServers;
        this.usage = usage;
        this.metrics = metrics;
        this.relay = new StreamRelay(json, watchdog);
        this.json = json;
    }

    void complete(JsonNode body, Caller caller, String requestId, long receivedNanos, HttpServletResponse response)
            throws IOException {
        CompletionRequest request = reader.read(body);
        ModelEndpoint model = models.resolve(request.typed().model());
        CompletionRetrieval.Augmented augmented = request.rag() == null ? null
                : retrieval.augment(request, model, caller, requestId);
        if (augmented != null) {
            request = augmented.request();
        }
        UnaryOperator<byte[]> extension = augmented == null ? UnaryOperator.identity()
                : answer -> retrieval.withSources(answer, augmented.prompt());
        UUID callId = UUID.randomUUID();
        Reservation reservation = quota.reserve(caller.userId(), callId.toString(), TokenEstimate.worstCase(
                request.typed().messages(), request.typed().effectiveMaxTokens(), model));
        ModelCall call = new ModelCall(callId, caller, model.name(), requestId, reservation, receivedNanos,
                request.streaming());
        UpstreamResponse upstream;
        try {
            upstream = modelServers.chatCompletion(model, request.forModelServer(model, json), request.streaming());
        } catch (PlatformException refused) {
            usage.release(call);
            throw refused;
        }
        try (upstream) {
            if (request.streaming()) {
                stream(call, request, upstream, response, extension);
            } else {
                answer(call, upstream, response, extension);
            }
        }
    }

    private void answer(ModelCall call, UpstreamResponse upstream, HttpServletResponse response,
            UnaryOperator<byte[]> extension) throws IOException {
        byte[] answer = upstream.body().readAllBytes();
        long modelNanos = System.nanoTime() - upstream.startedNanos();
        Usage spent = json.readValue(answer, UsageOnly.class).orZero();
        answer = extension.apply(answer);
        upstream.usage(spent.promptTokens(), spent.completionTokens());
        usage.record(call, spent, UsageStatus.SUCCESS, 0);
        Duration overhead = Duration.ofNanos(System.nanoTime() - call.receivedNanos() - modelNanos);
        metrics.addedLatency(call.model(), false, overhead);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.length);
        response.setHeader(OVERHEAD_HEADER, millis(overhead));
        response.getOutputStream().write(answer);
    }

    private void stream(ModelCall call, CompletionRequest request, UpstreamResponse upstream,
            HttpServletResponse response, UnaryOperator<byte[]> firstChunk) {
        Duration overhead = Duration.ofNanos(upstream.startedNanos() - call.receivedNanos());
        metrics.addedLatency(call.model(), true, overhead);
        StreamRelay.Outcome outcome;
        try {
            outcome = relay.relay(upstream, request, () -> {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                response.setHeader(OVERHEAD_HEADER, millis(overhead));
                return response.getOutputStream();
            }, firstChunk);
        } catch (PlatformException neverStarted) {
            usage.record(call, Usage.of(0, 0), UsageStatus.ERROR, 0);
            throw neverStarted;
        }
        upstream.usage(outcome.usage().promptTokens(), outcome.usage().completionTokens());
        usage.record(call, outcome.usage(), outcome.status(), outcome.firstTokenNanos());
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e6);
    }
}
