package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.embedding.inprocess.MicroBatcher;
import io.llmplatform.testkit.TestEngines;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who pays: the user over quota is refused before any work; a service acting for a user bills that user. */
class QuotaAndCallersTest extends EmbeddingIntegrationTest {

    private static final String HI = "{\"input\":\"quota check\"}";

    @Autowired
    private MicroBatcher batcher;

    @Test
    void aUserOverQuotaGets429BeforeTheModelRuns() {
        publishQuota(user, 100, 100);
        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/v1/embeddings", token, "{\"input\":\"" + UUID.randomUUID() + "\"}"),
                        response -> response.statusCode() == 429);
        long runsBefore = batcher.runs();

        HttpResponse<String> again = post("/v1/embeddings", token, "{\"input\":\"never embedded " + user + "\"}");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(again).at("/error/code").asString()).isEqualTo("quota_exceeded");
        assertThat(json(again).at("/error/type").asString()).isEqualTo("insufficient_quota");
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        assertThat(batcher.runs()).as("no model work for a refused call").isEqualTo(runsBefore);
    }

    @Test
    void aServiceActingForAUserBillsThatUserAndTheirApiKey() {
        UUID apiKey = UUID.randomUUID();
        String service = TestEngines.tokenIssuer().serviceToken("document-service");

        HttpResponse<String> response = post("/v1/embeddings", service, HI, InternalHeaders.USER_ID,
                user.toString(), InternalHeaders.API_KEY_ID, apiKey.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageEvent billed = usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst();
        assertThat(billed.apiKeyId()).isEqualTo(apiKey);
        assertThat(billed.promptTokens()).isEqualTo(json(response).at("/usage/prompt_tokens").asInt());
    }

    @Test
    void aUsersTokenCannotBillSomeoneElse() {
        UUID victim = UUID.randomUUID();

        HttpResponse<String> response = post("/v1/embeddings", token, HI, InternalHeaders.USER_ID,
                victim.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(usageEventsOf(user, 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(usageEventsOf(victim, 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aServiceActingForNobodyIsForbidden() {
        String service = TestEngines.tokenIssuer().serviceToken("document-service");

        HttpResponse<String> response = post("/v1/embeddings", service, HI);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("forbidden");
    }

    @Test
    void modelsListsEveryEmbeddingAndRerankModelServed() {
        HttpResponse<String> response = get("/api/v1/embeddings/models", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("object").asString()).isEqualTo("list");
        assertThat(json(response).get("data").findValuesAsString("id")).containsExactly(MINILM, "remote-embed",
                "offline", "remote-rerank", MINILM + " (embedding similarity)", "remote-embed (embedding similarity)",
                "offline (embedding similarity)");
        assertThat(json(response).at("/data/0/owned_by").asString()).isEqualTo("in-process");
        assertThat(json(response).at("/data/0/max_model_len").asInt()).isEqualTo(256);
    }
}
