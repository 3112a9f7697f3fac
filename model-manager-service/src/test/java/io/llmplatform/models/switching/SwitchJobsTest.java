package io.llmplatform.models.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.models.ModelManagerIntegrationTest;
import io.llmplatform.simulator.fault.FaultSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Switching the pool's model with the simulator driver: every state path, as the API and Kafka show it. */
class SwitchJobsTest extends ModelManagerIntegrationTest {

    @AfterEach
    void healthyModelServer() {
        SIMULATOR.faults(FaultSettings.NONE);
        await().atMost(Duration.ofSeconds(15)).until(() -> !json(get("/api/v1/models/status", user())).get(0)
                .get("state").asString().matches("PENDING|STOPPING|LOADING|WARMING"));
    }

    @Test
    void anAdminSwitchesThePoolThroughEveryStateAndEachIsAnnounced() {
        HttpResponse<String> accepted = post("/api/v1/models/switch", admin(), switchTo("qwen2-7b-instruct"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = json(accepted).get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/models/switch/" + jobId);
        JsonNode done = finished(jobId);
        assertThat(done.get("state").asString()).isEqualTo("READY");
        assertThat(done.has("finishedAt")).isTrue();
        assertThat(SIMULATOR.servedModel()).isEqualTo("Qwen/Qwen2-7B-Instruct");

        List<ModelAnnouncement> ofTheJob = announcements(POOL).stream()
                .filter(a -> jobId.equals(String.valueOf(a.switchJobId()))).toList();
        assertThat(ofTheJob).extracting(ModelAnnouncement::state).containsSubsequence(ModelState.PENDING,
                ModelState.STOPPING, ModelState.LOADING, ModelState.WARMING, ModelState.READY);
        ModelAnnouncement ready = ofTheJob.getLast();
        assertThat(ready.servedModelName()).isEqualTo("Qwen/Qwen2-7B-Instruct");
        assertThat(ready.maxModelLen()).isEqualTo(32768);
        assertThat(ready.baseUrl()).isEqualTo(SIMULATOR.baseUrl());
        assertThat(ready.previousServedModelName()).isNull();
        assertThat(ofTheJob.stream().filter(a -> a.state() == ModelState.LOADING).findFirst().orElseThrow()
                .previousServedModelName()).as("requests for the old model wait too").isNotNull();
        assertThat(SIMULATOR.receivedRequests()).as("warmed up before it was announced ready").anySatisfy(request ->
                assertThat(request.body()).contains("\"model\":\"Qwen/Qwen2-7B-Instruct\""));

        JsonNode route = json(get("/internal/v1/models/routes?model=Qwen/Qwen2-7B-Instruct", user()));
        assertThat(route.get("state").asString()).isEqualTo("READY");
        assertThat(route.get("pool").asString()).isEqualTo(POOL);
    }

    @Test
    void aSecondSwitchOfAPoolWhileOneRunsIsAConflict() {
        String first = json(post("/api/v1/models/switch", admin(), switchTo("llama-3-8b-instruct"))).get("id")
                .asString();

        HttpResponse<String> second = post("/api/v1/models/switch", admin(), switchTo("phi-3-mini-4k-instruct"));

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).get("code").asString()).isEqualTo("switch_in_progress");
        assertThat(json(second).get("detail").asString()).contains(first);
        assertThat(finished(first).get("state").asString()).isEqualTo("READY");
    }

    @Test
    void aSwitchThatFailsWhileWarmingRollsBackToThePreviousModel() {
        String before = SIMULATOR.servedModel();
        SIMULATOR.faults(new FaultSettings(1.0, List.of(500), 0, 0, 0));

        String jobId = json(post("/api/v1/models/switch", admin(), switchTo("codellama-7b-instruct"))).get("id")
                .asString();
        JsonNode failed = finished(jobId);

        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asString()).startsWith("failed while warming: the warm-up request to "
                + "codellama/CodeLlama-7b-Instruct-hf answered 500").endsWith("; rolled back to " + before);
        assertThat(failed.get("rolledBack").asBoolean()).isTrue();
        assertThat(SIMULATOR.servedModel()).isEqualTo(before);
        ModelAnnouncement last = announcements(POOL).getLast();
        assertThat(last.state()).isEqualTo(ModelState.READY);
        assertThat(last.servedModelName()).isEqualTo(before);
        assertThat(last.reason()).contains("rolled back");
    }

    @Test
    void onlyAnAdministratorSwitchesAndBadRequestsAreRefusedWithTheirField() {
        HttpResponse<String> byUser = post("/api/v1/models/switch", user(), switchTo("qwen2-7b-instruct"));
        HttpResponse<String> unknownProfile = post("/api/v1/models/switch", admin(), switchTo("gpt-5"));
        HttpResponse<String> unknownPool = post("/api/v1/models/switch", admin(),
                Map.of("profileId", "qwen2-7b-instruct", "pool", "gpu-z"));
        HttpResponse<String> tooBig = post("/api/v1/models/switch", admin(), switchTo("llama-3-70b-instruct"));

        assertThat(byUser.statusCode()).isEqualTo(403);
        assertThat(json(byUser).get("code").asString()).isEqualTo("forbidden");
        assertThat(unknownProfile.statusCode()).isEqualTo(400);
        assertThat(json(unknownProfile).get("detail").asString()).contains("no profile 'gpt-5'");
        assertThat(unknownPool.statusCode()).isEqualTo(400);
        assertThat(tooBig.statusCode()).isEqualTo(422);
        assertThat(json(tooBig).get("code").asString()).isEqualTo("model_does_not_fit");
        assertThat(json(tooBig).get("detail").asString()).contains("needs 4 GPUs");
        assertThat(get("/api/v1/models/switch/" + java.util.UUID.randomUUID(), user()).statusCode()).isEqualTo(404);
    }

    private JsonNode finished(String jobId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> json(get("/api/v1/models/switch/" + jobId, user())),
                        job -> job.get("state").asString().matches("READY|FAILED"));
    }
}
