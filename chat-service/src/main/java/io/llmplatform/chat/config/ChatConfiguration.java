package io.llmplatform.chat.config;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    /**
     * Counts tokens to size a conversation's memory window and its quota reservation. OpenAI's o200k encoding
     * stands in for whatever tokenizer the served model has: close for English, and settled to the exact count.
     */
    @Bean
    TokenCountEstimator tokenCountEstimator() {
        return new OpenAiTokenCountEstimator("gpt-4o-mini");
    }
}
