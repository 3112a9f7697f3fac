package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.engine.TokenOutput;
import io.netty.channel.Channel;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** A non-streaming response: nothing is sent until the last token is due, then the whole body at once. */
final class BufferedOutput implements TokenOutput {

    /** Renders the body from the steps sent (fewer than planned after an abort), finish reasons and usage. */
    @FunctionalInterface
    interface Renderer {
        byte[] render(int stepsEmitted, List<String> finishReasons, Usage usage);
    }

    private final Channel channel;
    private final Renderer renderer;
    private final Sinks.One<byte[]> body = Sinks.one();

    BufferedOutput(Channel channel, Renderer renderer) {
        this.channel = channel;
        this.renderer = renderer;
    }

    Mono<byte[]> body() {
        return body.asMono();
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void step(int step) {
    }

    @Override
    public void flush() {
    }

    @Override
    public int eventsWritten() {
        return 0;
    }

    @Override
    public void finish(int stepsEmitted, List<String> finishReasons, Usage usage) {
        body.tryEmitValue(renderer.render(stepsEmitted, finishReasons, usage));
    }

    @Override
    public void drop() {
        channel.close();
    }
}
