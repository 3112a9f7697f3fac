package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.chat;
import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.simulator.engine.LatencyProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What model-manager drives: model switches, LoRA adapters, sleep and wake-up. */
class ModelLifecycleTest {

    @Test
    void healthIsUnavailableDuringTheStartupDelay() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .startupDelay(Duration.ofMillis(300)).build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);

            assertThat(http.get("/health").statusCode()).isEqualTo(503);
            assertThat(http.post("/v1/chat/completions", chat("hi", "")).statusCode()).isEqualTo(503);
            await().atMost(Duration.ofSeconds(3)).until(() -> http.get("/health").statusCode() == 200);
        }
    }

    @Test
    void switchingTheModelRefusesRequestsWhileItLoadsThenServesOnlyTheNewModel() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .servedModels("old-model").build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);

            HttpResponse<String> accepted = http.post("/admin/model", "{\"model\":\"new-model\",\"loadTimeMs\":400}");

            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(json(accepted).get("loading").asBoolean()).isTrue();
            assertThat(http.get("/health").statusCode()).isEqualTo(503);
            HttpResponse<String> whileLoading = http.post("/v1/chat/completions", chat("hi", ""));
            assertThat(whileLoading.statusCode()).isEqualTo(503);
            assertThat(json(whileLoading).at("/error/message").asString()).contains("loading");

            await().atMost(Duration.ofSeconds(3)).until(() -> http.get("/health").statusCode() == 200);
            assertThat(json(http.get("/v1/models")).at("/data/0/id").asString()).isEqualTo("new-model");
            assertThat(json(http.post("/v1/chat/completions", chat("hi", "\"model\":\"new-model\""))).get("model")
                    .asString()).isEqualTo("new-model");
            assertThat(http.post("/v1/chat/completions", chat("hi", "\"model\":\"old-model\"")).statusCode())
                    .isEqualTo(404);
            assertThat(http.metric("vllm:num_requests_running", "model_name=\"new-model\"")).isZero();
        }
    }

    @Test
    void switchingTheModelDropsOpenStreamsAsARestartWould() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .latency(LatencyProfile.ofMillis(0, 0, 20, 0)).build())) {
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> stream = client.sendAsync(HttpRequest.newBuilder(
                            URI.create(simulator.openAiBaseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat("hi",
                            "\"stream\":true,\"max_tokens\":500,\"ignore_eos\":true"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(3)).until(() -> simulator.runningRequests() == 1);

            simulator.switchModel("other", Duration.ZERO);

            assertThat(stream).failsWithin(Duration.ofSeconds(3));
            assertThat(simulator.runningRequests()).isZero();
            client.shutdownNow();
        }
    }

    @Test
    void loraAdaptersLoadServeAndUnloadWithVllmsBodiesAndErrors() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("base")
                .build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            String load = "{\"lora_name\":\"sql-lora\",\"lora_path\":\"/adapters/sql\"}";

            HttpResponse<String> loaded = http.post("/v1/load_lora_adapter", load);
            HttpResponse<String> again = http.post("/v1/load_lora_adapter", load);
            HttpResponse<String> inPlace = http.post("/v1/load_lora_adapter",
                    "{\"lora_name\":\"sql-lora\",\"lora_path\":\"/adapters/sql-v2\",\"load_inplace\":true}");
            HttpResponse<String> incomplete = http.post("/v1/load_lora_adapter", "{\"lora_name\":\"x\"}");
            JsonNode models = json(http.get("/v1/models"));
            JsonNode answer = json(http.post("/v1/chat/completions", chat("hi", "\"model\":\"sql-lora\"")));
            HttpResponse<String> unloaded = http.post("/v1/unload_lora_adapter", "{\"lora_name\":\"sql-lora\"}");
            HttpResponse<String> unknown = http.post("/v1/unload_lora_adapter", "{\"lora_name\":\"sql-lora\"}");

            assertThat(loaded.statusCode()).isEqualTo(200);
            assertThat(loaded.body()).isEqualTo("Success: LoRA adapter 'sql-lora' added successfully.");
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(json(again).at("/error/message").asString())
                    .startsWith("The lora adapter 'sql-lora' has already been loaded.");
            assertThat(json(again).at("/error/type").asString()).isEqualTo("InvalidUserInput");
            assertThat(inPlace.statusCode()).isEqualTo(200);
            assertThat(incomplete.statusCode()).isEqualTo(400);
            assertThat(models.at("/data/1/id").asString()).isEqualTo("sql-lora");
            assertThat(models.at("/data/1/parent").asString()).isEqualTo("base");
            assertThat(models.at("/data/1/root").asString()).isEqualTo("/adapters/sql-v2");
            assertThat(answer.get("model").asString()).isEqualTo("sql-lora");
            assertThat(unloaded.body()).isEqualTo("Success: LoRA adapter 'sql-lora' removed successfully.");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).at("/error/message").asString())
                    .isEqualTo("The lora adapter 'sql-lora' cannot be found.");
            assertThat(http.post("/v1/chat/completions", chat("hi", "\"model\":\"sql-lora\"")).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void sleepFreesGpuMemoryHoldsNewRequestsAndWakeUpServesThem() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).enableSleepMode(true)
                .build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            assertThat(http.metric("simulator_gpu_memory_used_bytes", "")).isPositive();

            assertThat(http.post("/sleep?level=1", "").statusCode()).isEqualTo(200);

            assertThat(json(http.get("/is_sleeping")).get("is_sleeping").asBoolean()).isTrue();
            assertThat(http.metric("simulator_gpu_memory_used_bytes", "")).isZero();
            assertThat(http.metric("simulator_cpu_offloaded_weights_bytes", "")).isEqualTo(15.0 * (1 << 30));
            assertThat(http.metric("vllm:kv_cache_usage_perc", "")).isZero();
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() ->
                    http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":2")));
            await().atMost(Duration.ofSeconds(3)).until(() -> simulator.waitingRequests() == 1);
            assertThat(held).isNotDone();

            assertThat(http.post("/wake_up", "").statusCode()).isEqualTo(200);

            assertThat(held.join().statusCode()).isEqualTo(200);
            assertThat(json(http.get("/is_sleeping")).get("is_sleeping").asBoolean()).isFalse();
            assertThat(http.metric("simulator_gpu_memory_used_bytes", "")).isPositive();
        }
    }

    @Test
    void deepSleepDiscardsTheWeightsToo() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).enableSleepMode(true)
                .build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);

            http.post("/sleep?level=2", "");

            assertThat(simulator.sleeping()).isTrue();
            assertThat(http.metric("simulator_gpu_memory_used_bytes", "")).isZero();
            assertThat(http.metric("simulator_cpu_offloaded_weights_bytes", "")).isZero();
        }
    }

    @Test
    void sleepAbortsRunningStreamsWithFinishReasonAbort() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).enableSleepMode(true)
                .latency(LatencyProfile.ofMillis(0, 0, 20, 0)).build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            CompletableFuture<RawHttp.Exchange> stream = CompletableFuture.supplyAsync(() -> RawHttp.post(
                    simulator.port(), "/v1/chat/completions",
                    chat("hi", "\"stream\":true,\"max_tokens\":500,\"ignore_eos\":true")));
            await().atMost(Duration.ofSeconds(3)).until(() -> simulator.runningRequests() == 1);

            http.post("/sleep", "");

            RawHttp.Exchange exchange = stream.join();
            assertThat(exchange.complete()).isTrue();
            assertThat(exchange.body()).contains("\"finish_reason\":\"abort\"").endsWith("data: [DONE]\n\n");
            assertThat(http.metric("vllm:request_success_total", "finished_reason=\"abort\"")).isEqualTo(1);
        }
    }
}
