package io.llmplatform.benchmarks;

/**
 * How one request went.
 *
 * @param startNanos when it was due to start (open loop) or started (closed loop); latencies count from here
 * @param status the HTTP status, or 0 when no answer came (connection refused, reset, timeout)
 * @param failure why it failed without a status, or why a stream is incomplete; null when it did not fail
 * @param firstTokenNanos when the first token arrived (streams), or 0
 * @param endNanos when the answer was fully read
 * @param tokens tokens streamed (streams), or 0
 */
record Outcome(long startNanos, int status, String failure, long firstTokenNanos, long endNanos, int tokens) {

    boolean succeeded() {
        return failure == null && status >= 200 && status < 300;
    }

    /** The key errors are counted under: the status, or the kind of failure. */
    String errorKey() {
        return failure != null ? failure : Integer.toString(status);
    }
}
