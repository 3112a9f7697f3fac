package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.usage.UsageTopics;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingAndQuotaTest extends ChatIntegrationTest {

    @Test
    void theFirstTokenArrivesLongBeforeTheStreamEnds() throws Exception {
        long started = System.nanoTime();
        try (InputStream body = openStream("slow", 60)) {
            var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            long firstToken = 0;
            while ((line = lines.readLine()) != null) {
                if (firstToken == 0 && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    firstToken = System.nanoTime();
                }
            }
            long ended = System.nanoTime();

            assertThat(Duration.ofNanos(firstToken - started)).isLessThan(Duration.ofMillis(1000));
            assertThat(Duration.ofNanos(ended - firstToken)).as("59 more tokens at 40 ms each")
                    .isGreaterThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void aClientThatLeavesStopsGenerationAndIsBilledForWhatWasGenerated() throws Exception {
        int received = 0;
        try (InputStream body = openStream("slow", 300)) {
            var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            while (received < 10 && (line = lines.readLine()) != null) {
                if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    received++;
                }
            }
            assertThat(SLOW_SIMULATOR.runningRequests()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(2)).until(() -> SLOW_SIMULATOR.runningRequests() == 0);
        UsageEvent billed = usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst();
        assertThat(billed.status()).isEqualTo(UsageStatus.CANCELLED);
        assertThat(billed.completionTokens()).as("what was generated, not the 300 asked for")
                .isBetween(10, 40);
        assertThat(billed.promptTokens()).isPositive();
        assertThat(SLOW_SIMULATOR.metricsText()).contains("finished_reason=\"abort\"");
    }

    @Test
    void aUserOverQuotaIsRefusedBeforeTheModelIsCalled() {
        publishQuota(100, 0);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                post("/v1/chat/completions", token, bigRequest()).statusCode() == 429);
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> refused = post("/v1/chat/completions", token, bigRequest());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).at("/error/code").asString()).isEqualTo("quota_exceeded");
        assertThat(json(refused).at("/error/type").asString()).isEqualTo("insufficient_quota");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(SIMULATOR.receivedRequests()).isEmpty();
        assertThat(post("/v1/chat/completions", token, """
                {"max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}""").statusCode())
                .as("a request that fits is still served").isEqualTo(200);
    }

    @Test
    void usageTheLedgerRecordedCountsAgainstTheLimit() {
        publishQuota(10_000, 9_990);

        await().atMost(Duration.ofSeconds(10)).until(() -> post("/v1/chat/completions", token, """
                {"max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}""").statusCode() == 429);
    }

    private String bigRequest() {
        return """
                {"max_tokens": 500, "messages": [{"role": "user", "content": "write a long essay"}]}""";
    }

    private void publishQuota(long limit, long used) {
        UsageTopics.publishQuota(TestEngines.kafka().bootstrapServers(), user, limit, used);
    }

    private InputStream openStream(String model, int maxTokens) throws Exception {
        String body = JSON.writeValueAsString(Map.of("model", model, "stream", true, "max_tokens", maxTokens,
                "messages", List.of(Map.of("role", "user", "content", "tell me a story"))));
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
