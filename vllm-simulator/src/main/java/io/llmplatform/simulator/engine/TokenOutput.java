package io.llmplatform.simulator.engine;

import io.llmplatform.contracts.openai.Usage;
import java.util.List;

/**
 * Where a {@link GenerationRun} sends its tokens: an SSE stream, or one response at the end. Every method is called
 * on the connection's event loop.
 */
public interface TokenOutput {

    /** Whether the run may emit now; a stream waits for its client's demand and calls {@code run.resume()}. */
    boolean ready();

    /** The tokens of one decoding step: token {@code step} of every choice that has one. */
    void step(int step);

    /** Sends what the steps so far have buffered. */
    void flush();

    /** SSE events sent so far, for the drop-after fault. */
    int eventsWritten();

    /**
     * Ends the response normally, or after a server-side abort.
     *
     * @param stepsEmitted how many steps were sent; choices with more tokens were cut short
     * @param finishReasons each choice's finish reason
     */
    void finish(int stepsEmitted, List<String> finishReasons, Usage usage);

    /** Closes the connection at once, leaving the response unfinished, as a crashed or restarted server does. */
    void drop();
}
