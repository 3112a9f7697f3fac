package io.llmplatform.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.models.Model;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read side: the OpenAI model list, profiles and their reload, GPUs, recommendations, live status. */
class ModelsApiTest extends ModelManagerIntegrationTest {

    @Test
    void theOpenAiSdkListsThePoolsModelAndEmbeddingServicesModels() {
        String token = user();
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(token).maxRetries(0)
                .build();

        var ids = sdk.models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains(SIMULATOR.servedModel(), "all-minilm-l6-v2");
        JsonNode raw = json(get("/v1/models", token));
        assertThat(raw.at("/data/0/owned_by").asString()).isEqualTo("llm-platform");
        assertThat(raw.at("/data/0/max_model_len").isInt()).isTrue();
        assertThat(EMBEDDING_SERVICE.received().getLast().header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void oneModelIsFoundByItsIdAndAnUnknownOneIsOpenAisNotFound() {
        HttpResponse<String> known = get("/v1/models/all-minilm-l6-v2", user());
        HttpResponse<String> unknown = get("/v1/models/org/no-such-model", user());

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(json(known).get("id").asString()).isEqualTo("all-minilm-l6-v2");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asString()).isEqualTo("model_not_found");
        assertThat(json(unknown).at("/error/message").asString()).contains("org/no-such-model");
    }

    @Test
    void theGpusAreReadFromTheSimulatorsDcgmMetricsAsFromAnExporter() {
        JsonNode hardware = json(get("/api/v1/models/hardware", user())).get(0);

        assertThat(hardware.get("pool").asString()).isEqualTo(POOL);
        assertThat(hardware.get("source").asString()).isEqualTo("dcgm");
        assertThat(hardware.at("/gpus/0/name").asString()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(hardware.at("/gpus/0/memoryTotalMib").asLong()).isEqualTo(81920);
        assertThat(hardware.at("/gpus/0/memoryUsedMib").asLong()).isPositive();
    }

    @Test
    void recommendationsPutTheLargestProfileThatFitsFirstAndSayWhyOthersDoNot() {
        JsonNode pool = json(get("/api/v1/models/recommendations", user())).get(0);

        // On one 80 GB A100 the 4-bit 70B model fits with its context; the 16-bit one needs four GPUs.
        assertThat(pool.get("recommendedProfileId").asString()).isEqualTo("llama-3-70b-instruct-awq");
        JsonNode big = pool.get("profiles").valueStream()
                .filter(profile -> profile.get("profileId").asString().equals("llama-3-70b-instruct")).findFirst()
                .orElseThrow();
        assertThat(big.get("fits").asBoolean()).isFalse();
        assertThat(big.at("/reasons/0").asString()).isEqualTo("needs 4 GPUs (tensor parallel size 4), the pool has 1");

        JsonNode fit = json(get("/api/v1/models/profiles/llama-3-8b-instruct/fit?pool=" + POOL, user()));
        assertThat(fit.get("fits").asBoolean()).isTrue();
        assertThat(fit.get("kvCacheBytesPerToken").asLong()).isEqualTo(128 * 1024);
    }

    @Test
    void aBadCatalogFileIsRefusedWithItsLineAndFieldAndTheCatalogInUseStays() throws Exception {
        int profiles = json(get("/api/v1/models/profiles", user())).get("profiles").size();
        try {
            Files.writeString(CATALOG, shippedCatalog().replaceFirst("kvHeads: 8", "kvHeads: -8"));

            HttpResponse<String> refused = post("/api/v1/models/profiles/reload", admin(), null);

            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(json(refused).get("code").asString()).isEqualTo("catalog_invalid");
            assertThat(json(refused).at("/errors/0/field").asString())
                    .isEqualTo("profiles[0].architecture.kvHeads");
            assertThat(json(refused).at("/errors/0/message").asString()).matches("line \\d+: must be .*");
            assertThat(json(get("/api/v1/models/profiles", user())).get("profiles").size()).isEqualTo(profiles);

            Files.writeString(CATALOG, shippedCatalog() + """
                      - id: tiny-llama
                        displayName: TinyLlama 1.1B Chat
                        model: TinyLlama/TinyLlama-1.1B-Chat-v1.0
                        task: chat
                        parametersBillions: 1.1
                        dtype: bfloat16
                        architecture: {layers: 22, attentionHeads: 32, kvHeads: 4, headDim: 64, contextLength: 2048}
                        vllm: {tensorParallelSize: 1, gpuMemoryUtilization: 0.9}
                    """);
            assertThat(post("/api/v1/models/profiles/reload", user(), null).statusCode()).isEqualTo(403);
            HttpResponse<String> reloaded = post("/api/v1/models/profiles/reload", admin(), null);

            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(json(reloaded).get("profiles").size()).isEqualTo(profiles + 1);
        } finally {
            Files.writeString(CATALOG, shippedCatalog());
            post("/api/v1/models/profiles/reload", admin(), null);
        }
    }

    @Test
    void theStatusOfTheEndpointComesFromItsHealthAndMetricsAndIsExported() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = json(get("/api/v1/models/status", user())).get(0);
            assertThat(status.get("ready").asBoolean()).isTrue();
            assertThat(status.get("runningRequests").asInt()).isZero();
            assertThat(status.get("kvCacheUsage").asDouble()).isZero();
            assertThat(status.has("generationTokensPerSecond")).isTrue();
        });

        String metrics = get("/actuator/prometheus", user()).body();
        assertThat(metrics).containsPattern("platform_models_endpoint_ready\\{[^}]*pool=\"gpu-a\"[^}]*} 1.0");
        assertThat(metrics).contains("platform_models_endpoint_requests_waiting");
    }
}
