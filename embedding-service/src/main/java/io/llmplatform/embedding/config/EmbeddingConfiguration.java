package io.llmplatform.embedding.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.embedding.inprocess.InProcessEmbeddingModel;
import io.llmplatform.embedding.model.EmbeddingModels;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.remote.RemoteEmbeddingModel;
import io.llmplatform.embedding.remote.RemoteReranker;
import io.llmplatform.embedding.rerank.RerankModels;
import io.llmplatform.embedding.rerank.Reranker;
import io.llmplatform.support.upstream.ModelServerCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The models served: the in-process one (unless switched off) and the configured remote ones. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddingProperties.class)
class EmbeddingConfiguration {

    @Bean
    CircuitBreakerRegistry circuitBreakers(EmbeddingProperties properties, MeterRegistry meters) {
        return ModelServerCalls.breakers(properties.resilience(), meters);
    }

    @Bean
    ModelServerCalls modelServerCalls(EmbeddingProperties properties, CircuitBreakerRegistry breakers,
            JsonMapper json, ObjectProvider<ObservationRegistry> observations) {
        return new ModelServerCalls(properties.timeouts().connect(), properties.resilience().connectRetries(),
                breakers, json, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    EmbeddingModels embeddingModels(EmbeddingProperties properties, ObjectProvider<InProcessEmbeddingModel> local,
            ModelServerCalls calls, JsonMapper json) {
        List<ServedEmbeddingModel> models = new ArrayList<>();
        local.ifAvailable(models::add);
        properties.models().stream().filter(EmbeddingProperties.RemoteModel::configured)
                .map(model -> new RemoteEmbeddingModel(model, calls, properties.timeouts().request(), json))
                .forEach(models::add);
        return new EmbeddingModels(models, properties.defaultModel());
    }

    @Bean
    RerankModels rerankModels(EmbeddingProperties properties, EmbeddingModels embeddings, ModelServerCalls calls,
            JsonMapper json) {
        List<Reranker> remote = properties.rerankModels().stream()
                .filter(EmbeddingProperties.RemoteModel::configured)
                .<Reranker>map(model -> new RemoteReranker(model, calls, properties.timeouts().request(), json))
                .toList();
        return new RerankModels(remote, embeddings);
    }
}
