package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.chat;
import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.simulator.engine.LatencyProfile;
import io.llmplatform.simulator.generation.ContentMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /metrics}: vLLM's names and labels, and values that match what clients were told. */
class MetricsTest {

    private static final String LABELS = "engine=\"0\",model_name=\"served\"";

    @Test
    void countersAndHistogramsAddUpToTheUsageClientsReceived() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("served")
                .contentMode(ContentMode.ECHO).build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            JsonNode stopped = json(http.post("/v1/chat/completions", chat("the river and the bridge", "")));
            JsonNode cut = json(http.post("/v1/chat/completions", chat("the river and the bridge",
                    "\"max_tokens\":2")));
            http.post("/v1/chat/completions", chat("the river", "\"stream\":true"));
            int streamedPromptTokens = json(http.post("/tokenize",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"the river\"}]}")).get("count").asInt();

            assertThat(http.metric("vllm:prompt_tokens_total", LABELS)).isEqualTo(stopped.at("/usage/prompt_tokens")
                    .asInt() + cut.at("/usage/prompt_tokens").asInt() + streamedPromptTokens);
            assertThat(http.metric("vllm:generation_tokens_total", LABELS)).isEqualTo(5 + 2 + 2);
            assertThat(http.metric("vllm:request_success_total", "finished_reason=\"stop\"")).isEqualTo(2);
            assertThat(http.metric("vllm:request_success_total", "finished_reason=\"length\"")).isEqualTo(1);
            assertThat(http.metric("vllm:request_success_total", "finished_reason=\"abort\"")).isZero();
            assertThat(http.metric("vllm:time_to_first_token_seconds_count", LABELS)).isEqualTo(3);
            assertThat(http.metric("vllm:e2e_request_latency_seconds_count", LABELS)).isEqualTo(3);
            assertThat(http.metric("vllm:inter_token_latency_seconds_count", LABELS)).isEqualTo(4 + 1 + 1);
            assertThat(http.metric("vllm:time_to_first_token_seconds_bucket", "le=\"0.001\"")).isNotNegative();
            assertThat(http.metric("vllm:num_requests_running", LABELS)).isZero();
            assertThat(http.metric("vllm:num_requests_waiting", LABELS)).isZero();
            assertThat(http.metric("vllm:kv_cache_usage_perc", LABELS)).isZero();
        }
    }

    @Test
    void metricsAreServedAsPrometheusTextWithVllmsMetadata() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).build())) {
            HttpResponse<String> response = new SimulatorHttp(simulator).get("/metrics");

            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(response.body())
                    .contains("# TYPE vllm:prompt_tokens_total counter")
                    .contains("# TYPE vllm:generation_tokens_total counter")
                    .contains("# TYPE vllm:request_success_total counter")
                    .contains("# TYPE vllm:num_requests_running gauge")
                    .contains("# TYPE vllm:num_requests_waiting gauge")
                    .contains("# TYPE vllm:kv_cache_usage_perc gauge")
                    .contains("# TYPE vllm:time_to_first_token_seconds histogram")
                    .contains("# TYPE vllm:inter_token_latency_seconds histogram")
                    .contains("# TYPE vllm:e2e_request_latency_seconds histogram")
                    .contains("vllm:time_to_first_token_seconds_bucket{engine=\"0\",model_name=\"vllm-simulator\","
                            + "le=\"0.001\"} 0");
        }
    }

    @Test
    void kvCacheFillsWhileRequestsRunAndEmptiesAfterwards() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).kvCacheTokens(1_000)
                .latency(LatencyProfile.ofMillis(0, 0, 5, 0)).build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() ->
                    http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":100,\"ignore_eos\":true")));

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(http.metric("vllm:kv_cache_usage_perc", "")).isGreaterThan(0.05));
            running.join();

            assertThat(http.metric("vllm:kv_cache_usage_perc", "")).isZero();
        }
    }

    @Test
    void declaredGpusAreExposedAsTheDcgmExporterDoesAndFreedWhileSleeping() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).enableSleepMode(true)
                .gpus("NVIDIA A100-SXM4-80GB:2,NVIDIA L4:1:24").build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);

            assertThat(http.get("/metrics").body())
                    .contains("# TYPE DCGM_FI_DEV_FB_USED gauge")
                    .contains("DCGM_FI_DEV_FB_USED{Hostname=\"vllm-simulator\",UUID=\"GPU-00000000-0000-0000-0000-"
                            + "000000000001\",device=\"nvidia1\",gpu=\"1\",modelName=\"NVIDIA A100-SXM4-80GB\"} 73728");
            assertThat(http.metric("DCGM_FI_DEV_FB_FREE", "gpu=\"0\"")).isEqualTo(81920 - 73728);
            assertThat(http.metric("DCGM_FI_DEV_FB_USED", "modelName=\"NVIDIA L4\"")).isEqualTo(22118);
            assertThat(http.metric("DCGM_FI_DEV_GPU_UTIL", "gpu=\"2\"")).isZero();

            http.post("/sleep?level=1", "");

            assertThat(http.metric("DCGM_FI_DEV_FB_USED", "gpu=\"0\"")).isZero();
            assertThat(http.metric("DCGM_FI_DEV_FB_FREE", "gpu=\"0\"")).isEqualTo(81920);
        }
    }

    @Test
    void withoutDeclaredGpusThereAreNoDcgmMetrics() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).build())) {
            assertThat(simulator.metricsText()).doesNotContain("DCGM_");
        }
    }
}
