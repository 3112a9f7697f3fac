package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs written for OpenAI embed through the service unchanged: the official SDK and LangChain4j. */
class OpenAiEmbeddingsTest extends EmbeddingIntegrationTest {

    private static final List<String> TEXTS = List.of("The quick brown fox jumps over the lazy dog.", "hi",
            "What is the longest river in Europe?");

    @Test
    void theOpenAiSdkGetsFloatVectorsInInputOrderWithExactUsageAndTheUserIsBilled() {
        CreateEmbeddingResponse response = openAi(token).embeddings().create(EmbeddingCreateParams.builder()
                .model(MINILM).inputOfArrayOfStrings(TEXTS)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(response.data()).extracting(com.openai.models.embeddings.Embedding::index)
                .containsExactly(0L, 1L, 2L);
        assertThat(response.data().getFirst().embedding()).hasSize(384);
        assertThat(response.model()).isEqualTo(MINILM);
        // Word pieces with [CLS] and [SEP], as sentence-transformers' tokenizer counts them: 12, 3 and 10.
        assertThat(response.usage().promptTokens()).isEqualTo(25);
        assertThat(response.usage().totalTokens()).isEqualTo(25);
        assertThat(ReferenceVectors.cosine(floats(response.data().get(0).embedding()),
                ReferenceVectors.vectorOf(TEXTS.get(0)))).isGreaterThan(0.99);

        UsageEvent billed = usageEventsOf(user, 1, Duration.ofSeconds(20)).getFirst();
        assertThat(billed.service()).isEqualTo("embedding-service");
        assertThat(billed.model()).isEqualTo(MINILM);
        assertThat(billed.promptTokens()).isEqualTo(25);
        assertThat(billed.completionTokens()).isZero();
        assertThat(billed.status()).isEqualTo(UsageStatus.SUCCESS);
        assertThat(billed.apiKeyId()).isNull();
    }

    @Test
    void base64VectorsAreTheSameVectorsAsFloats() {
        var floats = openAi(token).embeddings().create(EmbeddingCreateParams.builder().model(MINILM)
                .inputOfArrayOfStrings(TEXTS).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        var base64 = openAi(token).embeddings().create(EmbeddingCreateParams.builder().model(MINILM)
                .inputOfArrayOfStrings(TEXTS).encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());

        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(base64.data().get(i).embedding()).as("input %d", i)
                    .containsExactlyElementsOf(floats.data().get(i).embedding());
        }
        assertThat(base64.usage().promptTokens()).isEqualTo(floats.usage().promptTokens());
    }

    @Test
    void langChain4jsOpenAiEmbeddingModelEmbedsABatchInOrder() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(baseUrl() + "/v1").apiKey(token)
                .modelName(MINILM).maxRetries(0).build();

        Response<List<Embedding>> answer = model.embedAll(TEXTS.stream().map(TextSegment::from).toList());

        assertThat(answer.content()).hasSize(3);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(ReferenceVectors.cosine(answer.content().get(i).vector(),
                    ReferenceVectors.vectorOf(TEXTS.get(i)))).as("input %d", i).isGreaterThan(0.99);
        }
        assertThat(answer.tokenUsage().inputTokenCount()).isEqualTo(25);
        assertThat(model.embed("hi").content().dimension()).isEqualTo(384);
    }

    @Test
    void tokenIdsAreEmbeddedAsTheModelsOwnWordPieces() {
        // [CLS] hi [SEP] in all-MiniLM-L6-v2's vocabulary.
        var fromIds = json(post("/v1/embeddings", token, "{\"model\":\"" + MINILM + "\",\"input\":[101,7632,102]}"));
        var fromText = json(post("/v1/embeddings", token, "{\"model\":\"" + MINILM + "\",\"input\":\"hi\"}"));

        assertThat(fromIds.at("/data/0/embedding")).isEqualTo(fromText.at("/data/0/embedding"));
        assertThat(fromIds.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void aRequestNamingNoModelGetsTheDefaultOne() {
        var answer = json(post("/v1/embeddings", token, "{\"input\":\"hi\"}"));

        assertThat(answer.get("model").asString()).isEqualTo(MINILM);
        assertThat(answer.get("object").asString()).isEqualTo("list");
        assertThat(answer.at("/data/0/object").asString()).isEqualTo("embedding");
    }

    private static float[] floats(List<Float> values) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }
}
