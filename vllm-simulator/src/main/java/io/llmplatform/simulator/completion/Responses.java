package io.llmplatform.simulator.completion;

import io.llmplatform.simulator.http.Replies;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Runs a planned completion on the engine and answers with it: as an event stream, headers first as vLLM does, or as
 * one JSON body once the last token is due.
 */
final class Responses {

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private Responses() {
    }

    static Publisher<Void> stream(CompletionServices services, HttpServerResponse response, SseOutput output,
            PlannedCompletion planned) {
        services.engine().submit(channelOf(response), planned.completions(), planned.promptTokens(), planned.fault(),
                run -> {
                    output.bind(run);
                    return output;
                });
        return response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .sendHeaders()
                .send(output.body());
    }

    static Publisher<Void> buffered(CompletionServices services, HttpServerResponse response,
            BufferedOutput.Renderer renderer, PlannedCompletion planned) {
        BufferedOutput output = new BufferedOutput(channelOf(response), renderer);
        services.engine().submit(channelOf(response), planned.completions(), planned.promptTokens(), planned.fault(),
                run -> output);
        return output.body().flatMap(body -> Mono.from(response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, Replies.JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .send(Mono.just(Unpooled.wrappedBuffer(body)))));
    }

    static Channel channelOf(HttpServerResponse response) {
        return ((Connection) response).channel();
    }
}
