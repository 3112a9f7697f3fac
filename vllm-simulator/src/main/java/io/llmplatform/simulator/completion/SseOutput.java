package io.llmplatform.simulator.completion;

import io.llmplatform.simulator.engine.GenerationRun;
import io.llmplatform.simulator.engine.TokenOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A {@code text/event-stream} body of {@code data: {...}\n\n} events ending with {@code data: [DONE]\n\n}. Events
 * of one step, or of many steps when tokens are due together, are written in one buffer, so fast streams cost few
 * writes. It emits only when the client asks for more, and a client that goes away cancels the run.
 */
abstract class SseOutput implements TokenOutput {

    private static final int FLUSH_BYTES = 16 * 1024;
    private static final int INITIAL_BUFFER_BYTES = 512;
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private FluxSink<ByteBuf> sink;
    private ByteBuf buffer;
    private int events;
    private boolean finished;
    protected GenerationRun run;

    SseOutput(Channel channel) {
        this.channel = channel;
    }

    void bind(GenerationRun generationRun) {
        this.run = generationRun;
    }

    Flux<ByteBuf> body() {
        return Flux.create(created -> {
            sink = created;
            created.onRequest(demand -> run.resume());
            created.onCancel(() -> run.cancel());
            created.onDispose(this::releaseBuffer);
            // A run aborted before the body was subscribed has its last events waiting here.
            flush();
            if (finished) {
                created.complete();
            }
        });
    }

    @Override
    public boolean ready() {
        return sink != null && sink.requestedFromDownstream() > 0;
    }

    @Override
    public int eventsWritten() {
        return events;
    }

    /** Starts an event and returns the buffer to write its JSON into; {@link #endEvent()} closes it. */
    protected ByteBuf beginEvent() {
        if (buffer == null) {
            buffer = channel.alloc().buffer(INITIAL_BUFFER_BYTES);
        }
        return buffer.writeBytes(DATA);
    }

    protected void endEvent() {
        buffer.writeBytes(END_OF_EVENT);
        events++;
        if (buffer.readableBytes() >= FLUSH_BYTES) {
            flush();
        }
    }

    protected void event(byte[] json) {
        beginEvent().writeBytes(json);
        endEvent();
    }

    @Override
    public void flush() {
        if (buffer != null && buffer.isReadable() && sink != null) {
            ByteBuf full = buffer;
            buffer = null;
            sink.next(full);
        }
    }

    protected void done() {
        if (buffer == null) {
            buffer = channel.alloc().buffer(DONE.length);
        }
        buffer.writeBytes(DONE);
        finished = true;
        flush();
        if (sink != null) {
            sink.complete();
        }
    }

    private void releaseBuffer() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    @Override
    public void drop() {
        flush();
        // After the writes already queued, so the client gets every event before the connection closes.
        channel.eventLoop().execute(() ->
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
    }
}
