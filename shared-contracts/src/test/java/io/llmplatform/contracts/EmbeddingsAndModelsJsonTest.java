package io.llmplatform.contracts;

import static io.llmplatform.contracts.Payloads.MAPPER;
import static io.llmplatform.contracts.Payloads.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.contracts.openai.OpenAiErrorResponse;
import io.llmplatform.contracts.openai.RerankRequest;
import io.llmplatform.contracts.openai.RerankResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EmbeddingsAndModelsJsonTest {

    @Test
    void embeddingRequestAcceptsOneStringOrMany() {
        EmbeddingRequest one = MAPPER.readValue("""
                {"input": "hello", "model": "all-minilm-l6-v2", "encoding_format": "base64"}""",
                EmbeddingRequest.class);
        EmbeddingRequest many = MAPPER.readValue("""
                {"input": ["a", "b"], "model": "all-minilm-l6-v2"}""", EmbeddingRequest.class);

        assertThat(one.texts()).containsExactly("hello");
        assertThat(one.wantsBase64()).isTrue();
        assertThat(many.texts()).containsExactly("a", "b");
        assertThat(many.wantsBase64()).isFalse();
    }

    @Test
    void embeddingRequestKeepsTokenIdInputsAsTheyCame() {
        EmbeddingRequest ids = MAPPER.readValue("""
                {"input": [[101, 7592, 102], [101, 102]], "model": "m", "dimensions": 256, "user": "u-1"}""",
                EmbeddingRequest.class);

        assertThat(ids.input().get(0).get(1).asInt()).isEqualTo(7592);
        assertThat(ids.dimensions()).isEqualTo(256);
        assertThat(ids.user()).isEqualTo("u-1");
        assertThatIllegalArgumentException().isThrownBy(ids::texts)
                .withMessageContaining("input[0]");
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(ids));
        assertThat(written.get("input").toString()).isEqualTo("[[101,7592,102],[101,102]]");
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(EmbeddingRequest.of("m", List.of("x"))
                .withEncodingFormat("base64"))).propertyNames())
                .containsExactlyInAnyOrder("input", "model", "encoding_format");
    }

    @Test
    void rerankRequestAndResponseUseVllmsWireNames() {
        RerankRequest request = MAPPER.readValue("""
                {"model": "bge-reranker", "query": "q", "documents": ["a", {"text": "b"}], "top_n": 1,
                 "return_documents": true}""", RerankRequest.class);
        RerankResponse response = MAPPER.readValue(read("vllm-rerank.json"), RerankResponse.class);

        assertThat(request.topN()).isEqualTo(1);
        assertThat(request.returnDocuments()).isTrue();
        assertThat(request.documents().get(1).get("text").asString()).isEqualTo("b");
        assertThat(response.results()).extracting(RerankResponse.Result::index).containsExactly(1, 0);
        assertThat(response.results().getFirst().relevanceScore()).isEqualTo(0.99853515625);
        assertThat(response.results().getFirst().document().text()).isEqualTo("The capital of France is Paris.");
        assertThat(response.usage().totalTokens()).isEqualTo(42);
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(response));
        assertThat(written.at("/results/0/relevance_score").asDouble()).isEqualTo(0.99853515625);
    }

    @Test
    void readsFloatAndBase64EmbeddingsAlike() {
        EmbeddingResponse response = MAPPER.readValue(read("openai-embeddings.json"), EmbeddingResponse.class);

        assertThat(response.data().get(0).vector()).containsExactly(0.0023064255f, -0.009327292f, 0.015797347f);
        assertThat(response.data().get(1).vector()).containsExactly(0.5f, -0.1f, 1.0f);
        assertThat(response.usage().promptTokens()).isEqualTo(8);
        assertThat(response.usage().completionTokens()).isZero();
    }

    @Test
    void writtenEmbeddingsReadBackToTheSameVectors() {
        float[] vector = {0.25f, -1.5f, 3.0f};
        EmbeddingResponse response = EmbeddingResponse.of("m", List.of(
                EmbeddingResponse.Embedding.floats(0, vector),
                EmbeddingResponse.Embedding.base64(1, vector)), 4);

        EmbeddingResponse read = MAPPER.readValue(MAPPER.writeValueAsString(response), EmbeddingResponse.class);

        assertThat(read.object()).isEqualTo("list");
        assertThat(read.data().get(0).vector()).containsExactly(vector);
        assertThat(read.data().get(1).vector()).containsExactly(vector);
        assertThat(read.data().get(1).embedding()).isInstanceOf(String.class);
        assertThat(read.usage().totalTokens()).isEqualTo(4);
    }

    @Test
    void readsVllmModelCardsWithLoraParent() {
        ModelList models = MAPPER.readValue(read("vllm-models.json"), ModelList.class);

        assertThat(models.data()).extracting(ModelList.Model::id).containsExactly("Qwen/Qwen2.5-7B-Instruct",
                "sql-lora");
        assertThat(models.data().getFirst().maxModelLen()).isEqualTo(32768);
        assertThat(models.data().getFirst().parent()).isNull();
        assertThat(models.data().get(1).parent()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(models));
        assertThat(written.at("/data/0/owned_by").asString()).isEqualTo("vllm");
        assertThat(written.at("/data/0/max_model_len").asInt()).isEqualTo(32768);
    }

    @Test
    void readsVllmErrorWithNumericCodeAndWritesOpenAiShape() {
        OpenAiErrorResponse error = MAPPER.readValue(read("vllm-error-not-found.json"), OpenAiErrorResponse.class);

        assertThat(error.error().type()).isEqualTo("NotFoundError");
        assertThat(error.error().param()).isEqualTo("model");
        assertThat(error.error().code()).isEqualTo("404");

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(
                OpenAiErrorResponse.of("bad", "invalid_request_error", null, "validation_failed")));
        assertThat(written.get("error").propertyNames()).containsExactlyInAnyOrder("message", "type", "param",
                "code");
        assertThat(written.at("/error/param").isNull()).isTrue();
    }
}
