package io.llmplatform.embedding;

import io.llmplatform.support.upstream.ModelServerCalls;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** OpenAI-compatible embeddings and rerank; emits usage events. */
@SpringBootApplication
public class EmbeddingServiceApplication {

    public static void main(String[] args) {
        ModelServerCalls.limitIdleConnections();
        SpringApplication.run(EmbeddingServiceApplication.class, args);
    }
}
