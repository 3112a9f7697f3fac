package io.llmplatform.simulator.engine;

import io.llmplatform.simulator.metrics.VllmMetrics;
import java.util.List;

/**
 * What one request adds to the metrics, as vLLM counts it: prompt tokens and time to first token (from arrival,
 * queueing included) at the first step, generation tokens and inter-token latency per step, the KV cache it holds
 * while it runs, and per choice its finish reason and end-to-end latency.
 */
final class RunMetrics {

    private final VllmMetrics metrics;
    private final VllmMetrics.Series series;
    private final long arrivalNanos;
    private long lastStepNanos;
    private long kvCacheTokensHeld;

    RunMetrics(VllmMetrics metrics, long arrivalNanos) {
        this.metrics = metrics;
        this.series = metrics.series();
        this.arrivalNanos = arrivalNanos;
    }

    void firstStep(long now, int promptTokens, int choices, int tokens) {
        series.promptTokens.inc(promptTokens);
        holdKvCache(promptTokens);
        double ttft = seconds(now - arrivalNanos);
        for (int i = 0; i < choices; i++) {
            series.timeToFirstToken.observe(ttft);
        }
        generated(now, tokens);
    }

    void laterStep(long now, int tokens) {
        double interToken = seconds(now - lastStepNanos);
        for (int i = 0; i < tokens; i++) {
            series.interTokenLatency.observe(interToken);
        }
        generated(now, tokens);
    }

    /** The request is over: its KV cache is freed and each choice is counted under its finish reason. */
    void finished(List<String> finishReasons) {
        metrics.holdKvCacheTokens(-kvCacheTokensHeld);
        kvCacheTokensHeld = 0;
        double e2e = seconds(System.nanoTime() - arrivalNanos);
        for (String reason : finishReasons) {
            series.finished(reason);
            series.e2eLatency.observe(e2e);
        }
    }

    private void generated(long now, int tokens) {
        lastStepNanos = now;
        series.generationTokens.inc(tokens);
        holdKvCache(tokens);
    }

    private void holdKvCache(long tokens) {
        kvCacheTokensHeld += tokens;
        metrics.holdKvCacheTokens(tokens);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
