package io.llmplatform.simulator.embedding;

import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.fault.ServingGuard;
import io.llmplatform.simulator.http.Replies;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.model.ServedModels;
import io.llmplatform.simulator.recording.RequestRecorder;
import io.llmplatform.simulator.tokenizer.SimulatedTokenizer;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** What the pooling endpoints (embeddings, rerank) share: the simulated model, its tokenizer, and the guards. */
public record PoolingServices(SimulatedEmbedder embedder, SimulatedTokenizer tokenizer, ServedModels models,
        ServingGuard guard, RequestRecorder recorder, SimulatorJson json, int maxModelLen) {

    /** Records the request and lets it through the guard: the fault it draws is for {@link #reply}. */
    RequestFault admit(HttpServerRequest request, byte[] body) {
        recorder.record(request, body);
        return guard.admit(request);
    }

    /** Answers {@code value} as JSON, after the injected stall if there is one. */
    Mono<Void> reply(HttpServerResponse response, RequestFault fault, Object value) {
        Mono<Void> reply = Mono.from(Replies.json(response, 200, json.write(value)));
        return fault.stallMs() > 0 ? Mono.delay(Duration.ofMillis(fault.stallMs())).then(reply) : reply;
    }
}
