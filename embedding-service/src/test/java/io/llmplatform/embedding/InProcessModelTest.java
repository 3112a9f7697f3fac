package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.embedding.inprocess.MicroBatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The in-process all-MiniLM-L6-v2: the vectors sentence-transformers computes, batched however requests come. */
class InProcessModelTest extends EmbeddingIntegrationTest {

    @Autowired
    private MicroBatcher batcher;

    @Test
    void vectorsMatchSentenceTransformersForEveryReferenceSentence() {
        List<String> texts = List.copyOf(ReferenceVectors.SENTENCES.keySet());

        EmbeddingResponse response = embed(texts);

        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ReferenceVectors.Sentence reference = ReferenceVectors.SENTENCES.get(texts.get(i));
            assertThat(ReferenceVectors.cosine(response.data().get(i).vector(), reference.vector()))
                    .as("'%s'", texts.get(i)).isGreaterThanOrEqualTo(0.99);
            tokens += reference.tokens();
        }
        assertThat(response.usage().promptTokens()).as("the reference tokenizer's counts").isEqualTo(tokens);
    }

    @Test
    void aTextGetsTheSameVectorAloneAsInABatchWithLongerTexts() {
        String longest = "Embeddings map sentences with similar meanings to nearby vectors, so a search can find "
                + "passages by meaning rather than by the exact words they use; a reranker then orders the best "
                + "candidates by relevance.";

        float[] alone = embed(List.of("hi")).data().getFirst().vector();
        float[] padded = embed(List.of(longest, "hi")).data().get(1).vector();

        assertThat(ReferenceVectors.cosine(alone, padded)).isGreaterThan(0.9999);
    }

    @Test
    void concurrentSingleInputRequestsShareModelRuns() throws Exception {
        int requests = 48;
        long runsBefore = batcher.runs();
        List<CompletableFuture<EmbeddingResponse>> answers = new ArrayList<>();
        try (var clients = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                String text = "concurrent request number " + i + " " + user;
                answers.add(CompletableFuture.supplyAsync(() -> embed(List.of(text)), clients));
            }
            for (CompletableFuture<EmbeddingResponse> answer : answers) {
                assertThat(answer.get().data()).hasSize(1);
            }
        }

        assertThat(batcher.runs() - runsBefore).as("model runs for %d requests", requests).isLessThan(requests);
    }

    @Test
    void aRepeatedTextIsAnsweredFromTheCacheAndStillBilled() {
        String text = "cached sentence for " + user;
        embed(List.of(text));
        long runsBefore = batcher.runs();

        EmbeddingResponse again = embed(List.of(text));

        assertThat(batcher.runs()).isEqualTo(runsBefore);
        assertThat(again.usage().promptTokens()).isPositive();
    }

    private EmbeddingResponse embed(List<String> texts) {
        return JSON.readValue(post("/v1/embeddings", token, body(EmbeddingRequest.of(MINILM, texts))).body(),
                EmbeddingResponse.class);
    }
}
