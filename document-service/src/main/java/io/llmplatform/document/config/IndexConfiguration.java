package io.llmplatform.document.config;

import io.llmplatform.document.embedding.EmbeddingProperties;
import io.llmplatform.document.search.SearchProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/** The index's settings and its embedding-service client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EmbeddingProperties.class, SearchProperties.class})
@EnableFeignClients(basePackages = "io.llmplatform.document.embedding")
class IndexConfiguration {
}
