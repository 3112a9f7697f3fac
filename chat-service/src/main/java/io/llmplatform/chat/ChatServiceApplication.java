package io.llmplatform.chat;

import io.llmplatform.support.upstream.ModelServerCalls;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** OpenAI-compatible chat completions and conversations over vLLM; emits usage events. */
@SpringBootApplication
@EnableFeignClients
public class ChatServiceApplication {

    public static void main(String[] args) {
        ModelServerCalls.limitIdleConnections();
        SpringApplication.run(ChatServiceApplication.class, args);
    }
}
