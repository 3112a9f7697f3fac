package io.llmplatform.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The results of a run, as text for people and as JSON for scripts. Latencies are in milliseconds; throughput counts
 * the requests of the measured part, finished or failed, per second of the measured duration; the generator's CPU
 * time is that of the measured part too, so it compares with what the target spent meanwhile.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadReport(
        String target,
        String load,
        long requests,
        long succeeded,
        long failed,
        Map<String, Long> errors,
        double throughputPerSecond,
        Percentiles latencyMs,
        Percentiles timeToFirstTokenMs,
        Percentiles timePerOutputTokenMs,
        long tokens,
        double tokensPerSecond,
        Percentiles sendLagMs,
        double generatorCpuSeconds) {

    /** Percentiles of one histogram, in milliseconds. */
    public record Percentiles(long count, double mean, double p50, double p90, double p99, double p999, double max) {

        static Percentiles of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return null;
            }
            return new Percentiles(micros.getTotalCount(), micros.getMean() / 1000,
                    ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9), micros.getMaxValue() / 1000.0);
        }

        private static double ms(Histogram micros, double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }

        String toText() {
            return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (mean %s, n=%d)",
                    format(p50), format(p90), format(p99), format(p999), format(max), format(mean), count);
        }

        private static String format(double ms) {
            return ms < 10 ? String.format(Locale.ROOT, "%.3f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
        }
    }

    static LoadReport of(LoadTestConfig config, Measurements.Snapshot snapshot, double generatorCpuSeconds) {
        double seconds = config.duration().toNanos() / 1e9;
        long requests = snapshot.succeeded() + snapshot.failed();
        String load = config.openLoop()
                ? String.format(Locale.ROOT, "open loop at %.1f req/s", config.rate())
                : "closed loop with " + config.concurrency() + " in flight";
        load += String.format(Locale.ROOT, " for %ss after %ss warm-up, up to %d connections%s",
                seconds(config.duration().toMillis()), seconds(config.warmup().toMillis()), config.connections(),
                config.stream() ? ", streaming" : "");
        return new LoadReport(config.method() + " " + config.url(), load, requests, snapshot.succeeded(),
                snapshot.failed(), snapshot.errors(), requests / seconds, Percentiles.of(snapshot.latency()),
                Percentiles.of(snapshot.timeToFirstToken()), Percentiles.of(snapshot.timePerOutputToken()),
                snapshot.tokens(), snapshot.tokens() / seconds, Percentiles.of(snapshot.sendLag()),
                generatorCpuSeconds);
    }

    String toText() {
        StringBuilder text = new StringBuilder();
        line(text, "target", target);
        line(text, "load", load);
        line(text, "requests", String.format(Locale.ROOT, "%d (%d ok, %d failed%s)", requests, succeeded, failed,
                errors.isEmpty() ? "" : ": " + errors));
        line(text, "throughput", String.format(Locale.ROOT, "%.1f req/s", throughputPerSecond));
        if (latencyMs != null) {
            line(text, "latency", latencyMs.toText());
        }
        if (timeToFirstTokenMs != null) {
            line(text, "ttft", timeToFirstTokenMs.toText());
        }
        if (timePerOutputTokenMs != null) {
            line(text, "tpot", timePerOutputTokenMs.toText());
        }
        if (tokens > 0) {
            line(text, "tokens", String.format(Locale.ROOT, "%d (%.0f tokens/s)", tokens, tokensPerSecond));
        }
        if (sendLagMs != null) {
            line(text, "send lag", sendLagMs.toText());
        }
        line(text, "generator", String.format(Locale.ROOT, "%.1f s CPU in the measured part", generatorCpuSeconds));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-11s %s%n", label, value));
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.3f", millis / 1e3);
    }
}
