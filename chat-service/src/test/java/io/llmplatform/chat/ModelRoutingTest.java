package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.models.ModelTopics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Routing by model-manager's announcements on llm.models.v1, with no restart: a pool's model becomes reachable by
 * name, a switching pool answers 503 model_loading, a configured name that stands for a pool follows it, and a name
 * nobody announced is asked of model-manager (once, then remembered).
 */
class ModelRoutingTest extends ChatIntegrationTest {

    private static final VllmSimulator LAB = VllmSimulator.start(SimulatorConfig.builder().port(0)
            .servedModels("lab-model").build());

    @AfterAll
    static void stopLab() {
        LAB.close();
    }

    @Test
    void aModelAPoolAnnouncesIsServedAndWhileThePoolSwitchesItIsLoading() {
        LAB.switchModel("lab-model", Duration.ZERO);
        announce("lab", "lab-model", null, ModelState.READY);
        await().atMost(Duration.ofSeconds(15)).until(() -> status("lab-model") == 200);
        assertThat(LAB.receivedRequests().getLast().body()).contains("\"model\":\"lab-model\"");

        announce("lab", "lab-next", "lab-model", ModelState.LOADING);
        await().atMost(Duration.ofSeconds(10)).until(() -> status("lab-model") == 503);

        HttpResponse<String> loading = post("/v1/chat/completions", token, chatBody("lab-next", "hi", false));
        assertThat(loading.statusCode()).isEqualTo(503);
        assertThat(json(loading).at("/error/code").asString()).isEqualTo("model_loading");
        assertThat(loading.headers().firstValue("Retry-After")).hasValue("10");

        LAB.switchModel("lab-next", Duration.ZERO);
        announce("lab", "lab-next", null, ModelState.READY);
        await().atMost(Duration.ofSeconds(10)).until(() -> status("lab-next") == 200);
        assertThat(LAB.receivedRequests().getLast().body()).contains("\"model\":\"lab-next\"");
    }

    @Test
    void aConfiguredNameForAPoolFollowsWhatThePoolServes() {
        assertThat(status("aliased")).as("the configured fallback points at nothing").isEqualTo(503);
        LAB.switchModel("alias-target", Duration.ZERO);

        announce("alias-pool", "alias-target", null, ModelState.READY);

        await().atMost(Duration.ofSeconds(15)).until(() -> status("aliased") == 200);
        assertThat(LAB.receivedRequests().getLast().body()).contains("\"model\":\"alias-target\"");
    }

    @Test
    void aNameNobodyAnnouncedIsAskedOfModelManagerWithTheUsersTokenAndRememberedAsUnknown() {
        int asked = MODEL_MANAGER.received().size();

        HttpResponse<String> first = post("/v1/chat/completions", token, chatBody("nowhere-model", "hi", false));
        HttpResponse<String> again = post("/v1/chat/completions", token, chatBody("nowhere-model", "hi", false));

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(json(first).at("/error/code").asString()).isEqualTo("model_not_found");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(MODEL_MANAGER.received()).hasSize(asked + 1);
        var call = MODEL_MANAGER.received().getLast();
        assertThat(call.path()).isEqualTo("/internal/v1/models/routes");
        assertThat(call.query()).isEqualTo("model=nowhere-model");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + token);
    }

    private int status(String model) {
        return post("/v1/chat/completions", token, chatBody(model, "hi", false)).statusCode();
    }

    private static void announce(String pool, String model, String previous, ModelState state) {
        ModelAnnouncement announcement = new ModelAnnouncement(pool, null, model, model, previous, LAB.baseUrl(),
                state, 4096, ModelTask.CHAT, null, null, Instant.now());
        ModelTopics.announce(TestEngines.kafka().bootstrapServers(), announcement);
    }
}
