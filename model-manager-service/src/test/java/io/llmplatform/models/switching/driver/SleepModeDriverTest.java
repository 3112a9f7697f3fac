package io.llmplatform.models.switching.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.pool.TestPools;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.support.PlatformException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The sleep driver against two simulators in vLLM's sleep mode sharing a pool: one awake, one asleep. */
class SleepModeDriverTest {

    private static ModelProfile profile(String id, String model) {
        return new ModelProfile(id, id, model, null, ModelTask.CHAT, 7.0, "bfloat16", null,
                new ModelProfile.Architecture(32, 32, 8, 128, 8192),
                new ModelProfile.VllmArguments(1, 0.45, null, null, List.of()));
    }

    @Test
    void aSwitchPutsTheCurrentServerToSleepAndWakesTheTargetsAndARestoreDoesTheReverse() throws Exception {
        try (VllmSimulator llama = VllmSimulator.start(SimulatorConfig.builder().port(0).enableSleepMode(true)
                .servedModels("llama").build());
                VllmSimulator qwen = VllmSimulator.start(SimulatorConfig.builder().port(0).enableSleepMode(true)
                        .servedModels("qwen").build())) {
            VllmEndpointClient endpoints = new VllmEndpointClient(JsonMapper.builder().build());
            endpoints.post(URI.create(qwen.baseUrl() + "/sleep"), null, null, Duration.ofSeconds(5));
            var pool = new ModelManagerProperties.Pool("shared", URI.create(llama.baseUrl()), ModelTask.CHAT, null,
                    ModelManagerProperties.DriverKind.SLEEP, null, new ModelManagerProperties.Hardware(null, null, null),
                    new ModelManagerProperties.Kubernetes(null, "vllm", "vllm"),
                    new ModelManagerProperties.Docker("unix:///var/run/docker.sock", "vllm", "vllm", 8000, List.of(),
                            Map.of()),
                    Map.of("llama", URI.create(llama.baseUrl()), "qwen", URI.create(qwen.baseUrl())));
            SleepModeDriver driver = new SleepModeDriver(endpoints);
            var current = TestPools.serving("shared", "llama", llama.baseUrl());

            String snapshot = driver.capture(pool, current);
            driver.stop(pool, current);
            URI endpoint = driver.start(pool, profile("qwen", "qwen"));

            assertThat(llama.sleeping()).isTrue();
            assertThat(qwen.sleeping()).isFalse();
            assertThat(endpoint).isEqualTo(URI.create(qwen.baseUrl()));

            assertThat(driver.restore(pool, snapshot)).isEqualTo(URI.create(llama.baseUrl()));
            assertThat(llama.sleeping()).isFalse();
            assertThat(qwen.sleeping()).isTrue();
            assertThatThrownBy(() -> driver.check(pool, profile("phi", "phi"))).isInstanceOf(PlatformException.class)
                    .hasMessageContaining("has no sleeping vLLM for phi");
        }
    }
}
