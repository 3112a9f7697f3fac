package io.llmplatform.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.simulator.fault.FaultSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model server that stalls, breaks or fails gets fast, clear answers, never a hung request. */
class ModelResilienceTest extends ChatIntegrationTest {

    @Test
    void aModelThatDoesNotStartAnsweringTimesOutAtTheFirstTokenTimeout() {
        SIMULATOR.faults(FaultSettings.NONE.withStallMs(6_000));
        long started = System.nanoTime();

        HttpResponse<String> response = post("/v1/chat/completions", token, chatBody("default", "hi", true));

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2_900),
                Duration.ofMillis(5_000));
    }

    @Test
    void aStreamTheServerDropsEndsWithAnErrorEventAndBillsWhatWasSent() {
        SIMULATOR.faults(FaultSettings.NONE.withDropAfterChunks(3));

        HttpResponse<String> response = post("/v1/chat/completions", token,
                chatBody("default", "one two three four five six seven eight nine ten", true));

        List<String> events = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events.getLast()).contains("\"error\"").contains("bad_gateway");
        assertThat(events).doesNotContain("data: [DONE]");
        UsageEvent billed = usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst();
        assertThat(billed.status()).isEqualTo(UsageStatus.ERROR);
        assertThat(billed.completionTokens()).isBetween(1, 3);
    }

    @Test
    void aModelServerThatKeepsFailingIsCutOffByItsCircuitBreaker() {
        SIMULATOR.faults(FaultSettings.NONE.withErrorRate(1.0, List.of(500)));
        for (int i = 0; i < 10; i++) {
            post("/v1/chat/completions", token, chatBody("default", "hi", false));
        }
        SIMULATOR.clearReceivedRequests();

        HttpResponse<String> fast = post("/v1/chat/completions", token, chatBody("default", "hi", false));

        assertThat(fast.statusCode()).isEqualTo(503);
        assertThat(json(fast).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(SIMULATOR.receivedRequests()).as("the open circuit spared the server").isEmpty();
    }

    @Test
    void aModelServerAnswering503IsModelUnavailableWithRetryAfter() {
        SIMULATOR.faults(FaultSettings.NONE.withErrorRate(1.0, List.of(503)));

        HttpResponse<String> response = post("/v1/chat/completions", token, chatBody("default", "hi", false));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("model_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
}
