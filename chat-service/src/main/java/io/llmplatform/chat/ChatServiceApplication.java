package io.llmplatform.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** OpenAI-compatible chat completions and conversations over vLLM; emits usage events. */
@SpringBootApplication
@EnableFeignClients
public class ChatServiceApplication {

    /**
     * Idle connections the JDK HTTP client keeps per process (to model servers). Unbounded by default, and a request
     * that takes one searches that list from one end: after a burst of a thousand concurrent calls every later call
     * paid for walking it, until those connections timed out. A bounded list closes the surplus when it comes back.
     */
    private static final String IDLE_CONNECTIONS_PROPERTY = "jdk.httpclient.connectionPoolSize";
    private static final String IDLE_CONNECTIONS = "128";

    public static void main(String[] args) {
        System.getProperties().putIfAbsent(IDLE_CONNECTIONS_PROPERTY, IDLE_CONNECTIONS);
        SpringApplication.run(ChatServiceApplication.class, args);
    }
}
