package io.llmplatform.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run measured, recorded from any thread without locks: latency, time to first token, time per output token
 * (streams), and how late the generator itself started requests, in microsecond histograms (three significant
 * digits); successes, errors by status or failure, and tokens as counters.
 */
final class Measurements {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder latency = recorder();
    private final Recorder timeToFirstToken = recorder();
    private final Recorder timePerOutputToken = recorder();
    private final Recorder sendLag = recorder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder tokens = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** Latencies are of successful requests only: a quick error must not make the service look fast. */
    void record(Outcome outcome) {
        if (!outcome.succeeded()) {
            errors.computeIfAbsent(outcome.errorKey(), key -> new LongAdder()).increment();
            return;
        }
        latency.recordValue(micros(outcome.endNanos() - outcome.startNanos()));
        succeeded.increment();
        tokens.add(outcome.tokens());
        if (outcome.firstTokenNanos() > 0) {
            timeToFirstToken.recordValue(micros(outcome.firstTokenNanos() - outcome.startNanos()));
            if (outcome.tokens() > 1) {
                timePerOutputToken.recordValue(
                        micros((outcome.endNanos() - outcome.firstTokenNanos()) / (outcome.tokens() - 1)));
            }
        }
    }

    /** How late a request was started against its schedule: the generator's own lag. */
    void recordSendLag(long lagNanos) {
        sendLag.recordValue(micros(lagNanos));
    }

    Snapshot snapshot() {
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((key, count) -> errorCounts.put(key, count.sum()));
        return new Snapshot(latency.getIntervalHistogram(), timeToFirstToken.getIntervalHistogram(),
                timePerOutputToken.getIntervalHistogram(), sendLag.getIntervalHistogram(), succeeded.sum(),
                tokens.sum(), errorCounts);
    }

    /** The histograms and counts at the end of a run. */
    record Snapshot(Histogram latency, Histogram timeToFirstToken, Histogram timePerOutputToken, Histogram sendLag,
            long succeeded, long tokens, Map<String, Long> errors) {

        long failed() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Recorder recorder() {
        return new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private static long micros(long nanos) {
        return Math.max(0, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
