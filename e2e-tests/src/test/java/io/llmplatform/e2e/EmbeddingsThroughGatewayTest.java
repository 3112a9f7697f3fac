package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.auth.UserUpdateRequest;
import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.usage.UsageReport;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Programs that embed and rerank through the gateway: the OpenAI Java SDK and LangChain4j against the in-process
 * all-MiniLM-L6-v2, rerank, the usage it caused in the user's report, and the quota stopping an embedding.
 */
@ExtendWith(PlatformExtension.class)
class EmbeddingsThroughGatewayTest {

    private static final String MODEL = "all-minilm-l6-v2";
    private static final List<String> TEXTS = List.of("The quick brown fox jumps over the lazy dog.", "hi",
            "What is the longest river in Europe?");

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    EmbeddingsThroughGatewayTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void theOpenAiSdkEmbedsAsFloatsAndBase64InInputOrderAndTheUsageShowsUp() {
        User user = gateway.newUser();
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(platform.gateway() + "/v1")
                .apiKey(user.accessToken()).maxRetries(0).build();

        CreateEmbeddingResponse floats = sdk.embeddings().create(params(EmbeddingCreateParams.EncodingFormat.FLOAT));
        CreateEmbeddingResponse base64 = sdk.embeddings().create(
                params(EmbeddingCreateParams.EncodingFormat.BASE64));

        assertThat(floats.data()).extracting(Embedding::index).containsExactly(0L, 1L, 2L);
        assertThat(floats.data()).allSatisfy(embedding -> assertThat(embedding.embedding()).hasSize(384));
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(base64.data().get(i).embedding()).containsExactlyElementsOf(floats.data().get(i).embedding());
        }
        // Word pieces with [CLS] and [SEP]: 12, 3 and 10.
        assertThat(floats.usage().promptTokens()).isEqualTo(25);
        UsageReport report = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.get("/api/v1/usage", user.accessToken()).as(UsageReport.class),
                        usage -> usage.totals().requests() == 2);
        assertThat(report.totals().promptTokens()).isEqualTo(50);
        assertThat(report.totals().completionTokens()).isZero();
        assertThat(report.byModel()).extracting(UsageReport.ByModel::model).containsExactly(MODEL);
    }

    @Test
    void langChain4jsOpenAiEmbeddingModelWorksThroughTheGateway() {
        User user = gateway.newUser();
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(platform.gateway() + "/v1")
                .apiKey(user.accessToken()).modelName(MODEL).maxRetries(0).build();

        Response<List<dev.langchain4j.data.embedding.Embedding>> answer = model.embedAll(
                TEXTS.stream().map(TextSegment::from).toList());

        assertThat(answer.content()).hasSize(3).allSatisfy(vector -> assertThat(vector.dimension()).isEqualTo(384));
        assertThat(answer.tokenUsage().inputTokenCount()).isEqualTo(25);
        assertThat(answer.content().get(0).vector()).isNotEqualTo(answer.content().get(1).vector());
    }

    @Test
    void rerankOrdersDocumentsByRelevanceThroughTheGateway() {
        User user = gateway.newUser();

        Reply ranked = gateway.post("/v1/rerank", user.accessToken(), RerankRequest.of(null,
                "Which river is the longest in Europe?", List.of("Paris is the capital of France.",
                        "The Volga is the longest river in Europe.", "Bananas are rich in potassium.")));
        Reply viaApi = gateway.post("/api/v1/rerank", user.accessToken(), Map.of("query", "France",
                "documents", List.of("Paris is the capital of France.", "Bananas are yellow."), "top_n", 1));

        assertThat(ranked.status()).as("%s", ranked).isEqualTo(200);
        assertThat(ranked.json().get("model").asString()).isEqualTo(MODEL + " (embedding similarity)");
        assertThat(ranked.json().at("/results/0/index").asInt()).isEqualTo(1);
        assertThat(ranked.json().get("results")).hasSize(3);
        assertThat(viaApi.status()).as("%s", viaApi).isEqualTo(200);
        assertThat(viaApi.json().get("results")).hasSize(1);
        assertThat(gateway.get("/api/v1/embeddings/models", user.accessToken()).json().at("/data/0/id").asString())
                .isEqualTo(MODEL);
    }

    @Test
    void aUserWhoseQuotaIsSpentGets429ForEmbeddings() {
        User user = gateway.newUser();
        TokenResponse admin = gateway.login(platform.secrets().adminEmail(), platform.secrets().adminPassword());
        Reply limited = gateway.patch("/api/v1/admin/users/" + user.id(), admin.accessToken(),
                new UserUpdateRequest(null, null, 10L));
        assertThat(limited.status()).as("%s", limited).isEqualTo(200);
        // Twelve tokens: more than the whole month's limit.
        Map<String, Object> twelveTokens = Map.of("model", MODEL, "input", TEXTS.getFirst());

        Reply refused = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.post("/v1/embeddings", user.accessToken(), twelveTokens),
                        reply -> reply.status() == 429);

        assertThat(refused.json().at("/error/code").asString()).isEqualTo("quota_exceeded");
        assertThat(refused.json().at("/error/type").asString()).isEqualTo("insufficient_quota");
        assertThat(refused.header("Retry-After")).isNotNull();
    }

    private static EmbeddingCreateParams params(EmbeddingCreateParams.EncodingFormat format) {
        return EmbeddingCreateParams.builder().model(MODEL).inputOfArrayOfStrings(TEXTS).encodingFormat(format)
                .build();
    }
}
