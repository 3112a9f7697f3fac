package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.EngineMode;
import io.llmplatform.testkit.engine.RestartableKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Kafka goes down for a while: chat keeps answering, and every usage event arrives once Kafka is back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.TOKEN_ISSUER})
class KafkaOutageTest {

    private static final RestartableKafka KAFKA = RestartableKafka.start(EngineMode.current());

    static {
        KAFKA.createTopics(List.of(Topics.QUOTA, Topics.USAGE));
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void kafkaAndModel(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("platform.usage.outbox.send-timeout", () -> "3s");
        registry.add("platform.chat.default-model", () -> "default");
        registry.add("platform.chat.models[0].name", () -> "default");
        registry.add("platform.chat.models[0].base-url", ChatIntegrationTest.SIMULATOR::baseUrl);
        registry.add("platform.chat.models[0].upstream-name", () -> "sim-model");
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Test
    void noUsageIsLostWhileKafkaIsDown() {
        UUID user = UUID.randomUUID();
        String token = TestEngines.tokenIssuer().tokenFor(user, "USER");
        assertThat(complete(token)).isEqualTo(200);
        assertThat(ChatIntegrationTest.usageEventsOf(KAFKA.bootstrapServers(), user, 1, Duration.ofSeconds(20)))
                .hasSize(1);

        KAFKA.stop();
        List<Integer> duringOutage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            duringOutage.add(complete(token));
        }
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> backlog() == 3);
        KAFKA.start();

        assertThat(duringOutage).as("chat answered throughout").containsOnly(200);
        List<UsageEvent> delivered = ChatIntegrationTest.usageEventsOf(KAFKA.bootstrapServers(), user, 4,
                Duration.ofSeconds(60));
        assertThat(delivered).as("the event from before the outage and the three from during it")
                .extracting(UsageEvent::eventId).doesNotHaveDuplicates().hasSize(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
    }

    private long backlog() {
        return jdbc.sql("select count(*) from usage_outbox").query(Long.class).single();
    }

    private int complete(String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            ChatIntegrationTest.chatBody("default", "during the outage", false))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
