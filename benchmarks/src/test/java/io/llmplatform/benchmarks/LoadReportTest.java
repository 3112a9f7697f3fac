package io.llmplatform.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesThroughputErrorsAndTokensComeFromTheRecordedOutcomes() {
        Measurements measurements = new Measurements();
        for (int ms = 1; ms <= 100; ms++) {
            measurements.record(new Outcome(0, 200, null, MS, ms * MS, 10));
        }
        measurements.record(new Outcome(0, 503, null, 0, 5 * MS, 0));
        measurements.record(new Outcome(0, 503, null, 0, 5 * MS, 0));
        measurements.record(new Outcome(0, 0, "PrematureCloseException", 0, 5 * MS, 0));

        LoadReport report = LoadReport.of(config(Duration.ofSeconds(10)), measurements.snapshot(), 1.5);

        assertThat(report.requests()).isEqualTo(103);
        assertThat(report.succeeded()).isEqualTo(100);
        assertThat(report.failed()).isEqualTo(3);
        assertThat(report.errors()).containsEntry("503", 2L).containsEntry("PrematureCloseException", 1L);
        assertThat(report.throughputPerSecond()).isEqualTo(10.3);
        assertThat(report.latencyMs().count()).as("latency of successes only").isEqualTo(100);
        assertThat(report.latencyMs().p50()).isCloseTo(50.0, offset(0.1));
        assertThat(report.latencyMs().p99()).isCloseTo(99.0, offset(0.1));
        assertThat(report.latencyMs().max()).isCloseTo(100.0, offset(0.1));
        assertThat(report.timeToFirstTokenMs().p50()).isEqualTo(1.0);
        assertThat(report.tokens()).isEqualTo(1_000);
        assertThat(report.tokensPerSecond()).isEqualTo(100.0);
        assertThat(report.toText()).contains("throughput  10.3 req/s").contains("503=2");
    }

    @Test
    void timePerOutputTokenIsTheStreamingTimeAfterTheFirstTokenPerFurtherToken() {
        Measurements measurements = new Measurements();
        measurements.record(new Outcome(0, 200, null, 20 * MS, 119 * MS, 100));

        LoadReport report = LoadReport.of(config(Duration.ofSeconds(1)), measurements.snapshot(), 0);

        assertThat(report.timePerOutputTokenMs().p50()).isEqualTo(1.0);
        assertThat(report.timeToFirstTokenMs().p50()).isCloseTo(20.0, offset(0.05));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void headersReadAsNameColonValue() {
        assertThat(LoadTestConfig.Header.parse("Authorization: Bearer x: y"))
                .isEqualTo(new LoadTestConfig.Header("Authorization", "Bearer x: y"));
    }

    private static LoadTestConfig config(Duration duration) {
        return new LoadTestConfig(URI.create("http://localhost/x"), "POST", new byte[0], List.of(), 10, 0, duration,
                Duration.ZERO, true, 4, Duration.ofSeconds(5));
    }
}
