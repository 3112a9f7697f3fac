package io.llmplatform.simulator.engine;

import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.fault.RequestFault;
import io.llmplatform.simulator.generation.Completion;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One admitted request played out in time on its connection's event loop: after its place in the batch is granted,
 * the first token is due after the time to first token (plus any stall fault), each later token after an
 * inter-token latency. Tokens that are due are sent together; with zero latency everything is due at once and goes
 * out in large writes. Nothing here blocks: waits are timers of the event loop. It ends normally, by a server abort
 * (sleep), by a dropped connection (fault or restart), or when the client goes away.
 */
public final class GenerationRun {

    // A long zero-latency stream yields its event loop after this many steps, so other connections are served too.
    private static final int MAX_STEPS_PER_TICK = 256;

    private final InferenceEngine engine;
    private final Channel channel;
    private final EventLoop loop;
    private final ChannelFutureListener onConnectionClosed = closed -> cancel();
    private final List<Completion> completions;
    private final int steps;
    private final int promptTokens;
    private final RequestFault fault;
    private final RunMetrics metrics;
    private TokenOutput output;
    private RequestScheduler.Ticket ticket;

    private boolean finished;
    private boolean awaitingDemand;
    private int step;
    private long dueNanos;
    private ScheduledFuture<?> timer;

    GenerationRun(InferenceEngine engine, Channel channel, List<Completion> completions, int promptTokens,
            RequestFault fault, long arrivalNanos) {
        this.engine = engine;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.completions = completions;
        this.steps = completions.stream().mapToInt(c -> Math.max(1, c.completionTokens())).max().orElse(1);
        this.promptTokens = promptTokens;
        this.fault = fault;
        this.metrics = new RunMetrics(engine.metrics, arrivalNanos);
    }

    void attach(TokenOutput tokenOutput) {
        this.output = tokenOutput;
    }

    void enterScheduler() {
        ticket = engine.scheduler.enter(() -> loop.execute(this::onGranted));
    }

    /** A client that closes its connection, even before any byte of the answer, aborts the request. */
    void watchConnection() {
        channel.closeFuture().addListener(onConnectionClosed);
    }

    public List<Completion> completions() {
        return completions;
    }

    public int promptTokens() {
        return promptTokens;
    }

    /** The last step at which choice {@code choice} sends a token (an empty completion still sends one, empty). */
    public int lastStepOf(int choice) {
        return Math.max(1, completions.get(choice).completionTokens()) - 1;
    }

    /** Called by a stream when its client asks for more. */
    public void resume() {
        loop.execute(() -> {
            if (awaitingDemand && !finished) {
                awaitingDemand = false;
                tick();
            }
        });
    }

    /** The client went away: stop generating and free the slot, counted as an abort. */
    public void cancel() {
        loop.execute(() -> {
            if (!finished) {
                end();
            }
        });
    }

    /** Ends the request with {@code finish_reason: abort}, telling the client. */
    public void abort() {
        loop.execute(() -> {
            if (!finished) {
                Usage usage = end();
                output.finish(step, finishReasons(), usage);
            }
        });
    }

    /** Closes the connection without finishing the response. */
    public void dropConnection() {
        loop.execute(() -> {
            if (!finished) {
                end();
                output.drop();
            }
        });
    }

    private void onGranted() {
        if (finished) {
            return;
        }
        dueNanos = System.nanoTime() + engine.latency.timeToFirstTokenNanos(promptTokens)
                + TimeUnit.MILLISECONDS.toNanos(fault.stallMs());
        tick();
    }

    private void tick() {
        timer = null;
        if (finished) {
            return;
        }
        if (!output.ready()) {
            awaitingDemand = true;
            return;
        }
        long now = System.nanoTime();
        int emitted = 0;
        while (step < steps && dueNanos <= now && emitted < MAX_STEPS_PER_TICK && output.ready()) {
            emitStep(now);
            emitted++;
            if (fault.dropAfterChunks() > 0 && output.eventsWritten() >= fault.dropAfterChunks()) {
                output.flush();
                end();
                output.drop();
                return;
            }
            if (step < steps) {
                dueNanos += engine.latency.interTokenNanos();
            }
        }
        output.flush();
        if (step == steps) {
            complete();
        } else if (!output.ready()) {
            awaitingDemand = true;
        } else if (dueNanos <= now) {
            loop.execute(this::tick);
        } else {
            timer = loop.schedule(this::tick, dueNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    private void emitStep(long now) {
        int tokens = 0;
        for (Completion completion : completions) {
            if (step < completion.completionTokens()) {
                tokens++;
            }
        }
        if (step == 0) {
            metrics.firstStep(now, promptTokens, completions.size(), tokens);
        } else {
            metrics.laterStep(now, tokens);
        }
        output.step(step);
        step++;
    }

    private void complete() {
        if (fault.dropAfterChunks() > 0) {
            end();
            output.drop();
            return;
        }
        Usage usage = end();
        output.finish(step, finishReasons(), usage);
    }

    /** Frees the slot and records the request's end; returns its usage. */
    private Usage end() {
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        ticket.leave();
        engine.active.remove(this);
        channel.closeFuture().removeListener(onConnectionClosed);
        metrics.finished(finishReasons());
        int completionTokens = 0;
        for (Completion completion : completions) {
            completionTokens += Math.min(step, completion.completionTokens());
        }
        return Usage.of(promptTokens, completionTokens);
    }

    /** A choice that sent all its tokens keeps its own reason; one cut short by an abort ends with abort. */
    private List<String> finishReasons() {
        List<String> reasons = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            reasons.add(step > lastStepOf(i) ? completions.get(i).finishReason() : Completion.ABORT);
        }
        return reasons;
    }
}
