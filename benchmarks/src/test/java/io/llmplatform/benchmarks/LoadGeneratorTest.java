package io.llmplatform.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.engine.LatencyProfile;
import io.llmplatform.simulator.generation.ContentMode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator against a real server whose latency is known: the simulator. */
class LoadGeneratorTest {

    private static final byte[] CHAT = ("{\"messages\":[{\"role\":\"user\",\"content\":\"the river\"}],"
            + "\"max_tokens\":20,\"ignore_eos\":true}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = ("{\"messages\":[{\"role\":\"user\",\"content\":\"the river\"}],"
            + "\"max_tokens\":20,\"ignore_eos\":true,\"stream\":true}").getBytes(StandardCharsets.UTF_8);

    @Test
    void openLoopSendsAtTheRateAndMeasuresEveryAnswer() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).build())) {
            LoadReport report = LoadGeneratorCommand.run(openLoop(simulator, CHAT, 200, false), 2);

            assertThat(report.requests()).isEqualTo(200);
            assertThat(report.failed()).isZero();
            assertThat(report.throughputPerSecond()).isEqualTo(200.0);
            assertThat(report.latencyMs().p50()).isLessThan(50.0);
            assertThat(report.sendLagMs().count()).isEqualTo(200);
        }
    }

    @Test
    void openLoopChargesQueueingToEveryDelayedRequestWhereClosedLoopDoesNot() {
        SimulatorConfig oneAtATime = SimulatorConfig.builder().port(0).maxNumSeqs(1)
                .latency(LatencyProfile.ofMillis(20, 0, 0, 0)).build();
        try (VllmSimulator simulator = VllmSimulator.start(oneAtATime)) {
            LoadReport open = LoadGeneratorCommand.run(openLoop(simulator, CHAT, 100, false), 2);
            LoadReport closed = LoadGeneratorCommand.run(new LoadTestConfig(chatUrl(simulator), "POST", CHAT,
                    List.of(), 0, 1, Duration.ofSeconds(1), Duration.ZERO, false, 1, Duration.ofSeconds(10)), 2);

            assertThat(closed.latencyMs().p50()).as("one client at a time just waits 20 ms").isBetween(19.0, 40.0);
            assertThat(open.latencyMs().p99())
                    .as("100 req/s into a server that serves 50/s: the backlog shows in the latency")
                    .isGreaterThan(300.0);
        }
    }

    @Test
    void streamsReportTimeToFirstTokenTokensAndTimePerOutputToken() {
        SimulatorConfig config = SimulatorConfig.builder().port(0).contentMode(ContentMode.ECHO)
                .latency(LatencyProfile.ofMillis(20, 0, 2, 0).withLoadSlowdown(0)).build();
        try (VllmSimulator simulator = VllmSimulator.start(config)) {
            LoadReport report = LoadGeneratorCommand.run(openLoop(simulator, STREAM, 20, true), 2);

            assertThat(report.failed()).isZero();
            assertThat(report.tokens()).isEqualTo(20L * report.succeeded());
            assertThat(report.timeToFirstTokenMs().p50()).isBetween(19.0, 40.0);
            assertThat(report.timePerOutputTokenMs().p50()).isBetween(1.5, 3.0);
            assertThat(report.latencyMs().p50()).isGreaterThan(report.timeToFirstTokenMs().p50() + 30);
        }
    }

    @Test
    void errorsAreCountedByStatusOrFailureAndLeftOutOfTheLatencies() throws Exception {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).build())) {
            LoadTestConfig failing = new LoadTestConfig(chatUrl(simulator), "POST", CHAT,
                    List.of(LoadTestConfig.Header.parse("X-Simulator-Fault: status=503")), 50, 0,
                    Duration.ofMillis(400), Duration.ZERO, false, 8, Duration.ofSeconds(5));

            LoadReport report = LoadGeneratorCommand.run(failing, 2);

            assertThat(report.errors()).containsOnlyKeys("503");
            assertThat(report.succeeded()).isZero();
            assertThat(report.latencyMs()).isNull();
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LoadReport refused = LoadGeneratorCommand.run(new LoadTestConfig(URI.create("http://127.0.0.1:" + closedPort
                + "/v1/chat/completions"), "POST", CHAT, List.of(), 20, 0, Duration.ofMillis(200), Duration.ZERO,
                false, 4, Duration.ofSeconds(5)), 2);
        assertThat(refused.failed()).isEqualTo(refused.requests()).isPositive();
        assertThat(refused.errors().keySet()).allMatch(key -> !key.matches("\\d+"));
    }

    @Test
    void requestsWithoutAnAnswerInTimeAreTimeouts() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).build())) {
            LoadTestConfig stalled = new LoadTestConfig(chatUrl(simulator), "POST", CHAT,
                    List.of(LoadTestConfig.Header.parse("X-Simulator-Fault: stall=2000")), 20, 0,
                    Duration.ofMillis(200), Duration.ZERO, false, 8, Duration.ofMillis(100));

            LoadReport report = LoadGeneratorCommand.run(stalled, 2);

            assertThat(report.errors()).containsOnlyKeys(RequestTimeouts.TIMEOUT);
        }
    }

    private static LoadTestConfig openLoop(VllmSimulator simulator, byte[] body, double rate, boolean stream) {
        return new LoadTestConfig(chatUrl(simulator), "POST", body, List.of(), rate, 0, Duration.ofSeconds(1),
                Duration.ofMillis(300), stream, 64, Duration.ofSeconds(10));
    }

    private static URI chatUrl(VllmSimulator simulator) {
        return URI.create(simulator.openAiBaseUrl() + "/chat/completions");
    }
}
