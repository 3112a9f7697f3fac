package io.llmplatform.support.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.support.PlatformException;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.models.ModelTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replica learns from {@code llm.models.v1} which pool serves which model: nothing to wait for before
 * model-manager created the topic, everything announced before it started once it reports UP, and changes as they
 * come.
 */
class ModelRoutesFeedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void beforeTheTopicExistsTheFeedIsUpAndPicksUpAnnouncementsOnceItDoes() throws Exception {
        ModelRoutes routes = new ModelRoutes();
        ModelRoutesFeed feed = new ModelRoutesFeed(consumerConfig(), routes, JSON);
        feed.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.health().getStatus().equals(Status.UP));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestEngines.kafka().bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.MODELS, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }

            publish(announcement("gpu-a", "first-model", ModelState.READY, Instant.now()));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(routes.forModel("first-model", ModelTask.CHAT)).hasValueSatisfying(pool ->
                            assertThat(pool.pool()).isEqualTo("gpu-a")));

            // A later replica reads everything announced before it started before it says UP.
            Instant now = Instant.now();
            publish(announcement("gpu-b", "old-b", ModelState.READY, now.minusSeconds(5)));
            publish(announcement("gpu-b", "new-b", ModelState.LOADING, now));
            publish(announcement("gpu-c", "c", ModelState.READY, now));
            ModelTopics.withdraw(TestEngines.kafka().bootstrapServers(), "gpu-c");
            ModelRoutes later = new ModelRoutes();
            ModelRoutesFeed laterFeed = new ModelRoutesFeed(consumerConfig(), later, JSON);
            laterFeed.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> laterFeed.health().getStatus().equals(Status.UP));

                assertThat(later.pool("gpu-b")).hasValueSatisfying(pool -> {
                    assertThat(pool.servedModelName()).isEqualTo("new-b");
                    assertThat(pool.state()).isEqualTo(ModelState.LOADING);
                });
                assertThat(later.pool("gpu-c")).as("a tombstone removes the pool").isEmpty();
                assertThat(later.forModel("first-model", ModelTask.CHAT)).isPresent();
            } finally {
                laterFeed.stop();
            }
        } finally {
            feed.stop();
        }
    }

    @Test
    void anOlderAnnouncementNeverReplacesANewerOneAndTheServingPoolWinsAName() {
        ModelRoutes routes = new ModelRoutes();
        Instant now = Instant.now();

        routes.update(announcement("gpu-a", "qwen", ModelState.READY, now));
        routes.update(announcement("gpu-a", "llama", ModelState.READY, now.minusSeconds(1)));
        routes.update(new ModelAnnouncement("gpu-b", null, "m", "mistral", "qwen", "http://b:8000",
                ModelState.LOADING, 4096, ModelTask.CHAT, null, null, now));

        assertThat(routes.pool("gpu-a").orElseThrow().servedModelName()).isEqualTo("qwen");
        assertThat(routes.forModel("qwen", ModelTask.CHAT).orElseThrow().pool()).as("served beats switching away").isEqualTo("gpu-a");
        assertThat(routes.forModel("mistral", ModelTask.CHAT).orElseThrow().pool()).isEqualTo("gpu-b");
        assertThat(routes.forModel("llama", ModelTask.CHAT)).isEmpty();
    }

    @Test
    void aNameBoundToAPoolFollowsThatPoolAndOtherwiseOnlyPoolsOfTheTaskAnswerForIt() {
        ModelRoutes routes = new ModelRoutes();
        Instant now = Instant.now();
        routes.update(announcement("chat-pool", "bge-m3", ModelState.READY, now));
        routes.update(new ModelAnnouncement("embed-pool", null, "BAAI/bge-m3", "bge-m3", null, "http://e:8000",
                ModelState.READY, 8192, ModelTask.EMBED, null, null, now));

        assertThat(routes.route("bge-m3", null, ModelTask.EMBED).orElseThrow().pool()).isEqualTo("embed-pool");
        assertThat(routes.route("bge-m3", null, ModelTask.RERANK)).as("no rerank pool serves it").isEmpty();
        assertThat(routes.route("docs", "chat-pool", ModelTask.EMBED).orElseThrow().pool())
                .as("the configured pool, whatever it serves").isEqualTo("chat-pool");
        assertThat(routes.route("bge-m3", "unannounced", ModelTask.EMBED).orElseThrow().pool())
                .as("a bound pool not announced yet: by name").isEqualTo("embed-pool");
    }

    @Test
    void onlyAReadyPoolServesASwitchingOneIsLoadingAndAFailedOneUnavailable() {
        Instant now = Instant.now();
        ModelAnnouncement ready = announcement("gpu-a", "qwen", ModelState.READY, now);
        ModelAnnouncement loading = new ModelAnnouncement("gpu-a", null, "llama", "llama", "qwen", "http://a:8000",
                ModelState.LOADING, 8192, ModelTask.CHAT, null, null, now);
        ModelAnnouncement failed = new ModelAnnouncement("gpu-a", null, "llama", "llama", null, "http://a:8000",
                ModelState.FAILED, 8192, ModelTask.CHAT, null, "out of GPU memory", now);

        assertThat(ModelRoutes.requireServing(ready, "qwen")).isSameAs(ready);
        assertThatThrownBy(() -> ModelRoutes.requireServing(loading, "qwen")).isInstanceOfSatisfying(
                PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_LOADING);
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo(ModelRoutes.RETRY_AFTER_SECONDS);
                });
        assertThatThrownBy(() -> ModelRoutes.requireServing(failed, "llama")).isInstanceOfSatisfying(
                PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("out of GPU memory");
                });
    }

    private static ModelAnnouncement announcement(String pool, String model, ModelState state, Instant at) {
        return new ModelAnnouncement(pool, null, model, model, null, "http://" + pool + ":8000", state, 8192,
                ModelTask.CHAT, null, null, at);
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers());
    }

    private static void publish(ModelAnnouncement announcement) {
        ModelTopics.announce(TestEngines.kafka().bootstrapServers(), announcement);
    }
}
