package io.llmplatform.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.generation.ContentMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

    @Test
    void withoutFlagsTheDefaultsAreVllmsPortAndNoLatencyOrFaults() {
        SimulatorConfig config = parse(Map.of());

        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.servedModels()).containsExactly("vllm-simulator");
        assertThat(config.latency().ttftMean()).isZero();
        assertThat(config.faults().errorRate()).isZero();
        assertThat(config.contentMode()).isEqualTo(ContentMode.RANDOM);
    }

    @Test
    void flagsSetTheConfiguration() {
        SimulatorConfig config = parse(Map.of(), "--port", "9000", "--served-model-name", "a,b", "--max-num-seqs",
                "8", "--content", "echo", "--ttft-ms", "30", "--itl-ms", "2.5", "--error-rate", "0.1",
                "--error-statuses", "429,503", "--startup-delay-ms", "1500", "--enable-sleep-mode",
                "--gpus", "NVIDIA A100-SXM4-80GB:2");

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.servedModels()).containsExactly("a", "b");
        assertThat(config.maxNumSeqs()).isEqualTo(8);
        assertThat(config.contentMode()).isEqualTo(ContentMode.ECHO);
        assertThat(config.latency().ttftMean()).isEqualTo(Duration.ofMillis(30));
        assertThat(config.latency().itlMean()).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(config.faults().errorStatuses()).containsExactly(429, 503);
        assertThat(config.startupDelay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.enableSleepMode()).isTrue();
        assertThat(config.gpuDevices()).hasSize(2).allSatisfy(gpu ->
                assertThat(gpu.memoryTotalMib()).isEqualTo(81920));
    }

    @Test
    void everyFlagCanComeFromASimulatorEnvironmentVariableAndAFlagWins() {
        Map<String, String> environment = Map.of("SIMULATOR_MAX_NUM_SEQS", "16", "SIMULATOR_SERVED_MODEL_NAME",
                "x,y", "SIMULATOR_ENABLE_SLEEP_MODE", "true", "SIMULATOR_PORT", "7000");

        SimulatorConfig fromEnvironment = parse(environment);
        SimulatorConfig overridden = parse(environment, "--port", "7001");

        assertThat(fromEnvironment.maxNumSeqs()).isEqualTo(16);
        assertThat(fromEnvironment.servedModels()).containsExactly("x", "y");
        assertThat(fromEnvironment.enableSleepMode()).isTrue();
        assertThat(fromEnvironment.port()).isEqualTo(7000);
        assertThat(overridden.port()).isEqualTo(7001);
    }

    @Test
    void helpNamesTheEnvironmentVariables() {
        String help = SimulatorCommand.commandLine(Map.of()).getUsageMessage();

        assertThat(help).contains("--max-num-seqs").contains("SIMULATOR_<FLAG>");
        assertThat(EnvironmentDefaults.variableFor("--max-num-seqs")).isEqualTo("SIMULATOR_MAX_NUM_SEQS");
    }

    private static SimulatorConfig parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = SimulatorCommand.commandLine(environment);
        commandLine.parseArgs(args);
        return ((SimulatorCommand) commandLine.getCommand()).config();
    }
}
