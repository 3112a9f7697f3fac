package io.llmplatform.simulator.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Writes complete responses: JSON, vLLM errors, FastAPI's {@code {"detail"}} bodies, plain text and nothing. */
public final class Replies {

    public static final String JSON = "application/json";

    private Replies() {
    }

    public static Publisher<Void> json(HttpServerResponse response, int status, byte[] body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .send(Mono.just(Unpooled.wrappedBuffer(body)));
    }

    public static Publisher<Void> error(HttpServerResponse response, VllmError error, SimulatorJson json) {
        return json(response, error.status(), json.write(error.body()));
    }

    /** What FastAPI answers for a path or method it does not route, e.g. {@code {"detail":"Not Found"}}. */
    public static Publisher<Void> detail(HttpServerResponse response, int status) {
        String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
        return json(response, status, ("{\"detail\":\"" + phrase + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A body without a content type, as vLLM's LoRA endpoints answer. */
    public static Publisher<Void> untypedText(HttpServerResponse response, int status, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .send(Mono.just(Unpooled.wrappedBuffer(body)));
    }

    public static Publisher<Void> empty(HttpServerResponse response, int status) {
        return response.status(status).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }
}
