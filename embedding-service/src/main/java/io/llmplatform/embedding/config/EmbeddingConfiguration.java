package io.llmplatform.embedding.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.embedding.inprocess.InProcessEmbeddingModel;
import io.llmplatform.embedding.model.EmbeddingModels;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.remote.RemoteEmbeddingModel;
import io.llmplatform.embedding.remote.RemoteReranker;
import io.llmplatform.embedding.rerank.RerankModels;
import io.llmplatform.embedding.rerank.Reranker;
import io.llmplatform.embedding.routing.RemoteRoutes;
import io.llmplatform.support.models.ModelRoutes;
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

/**
 * The models served: the in-process one (unless switched off), and the remote ones, configured or announced by
 * model-manager on {@code llm.models.v1}.
 */
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
            ModelRoutes routes, ModelServerCalls calls, JsonMapper json) {
        RemoteRoutes<ServedEmbeddingModel> remote = new RemoteRoutes<>(properties.models(), ModelTask.EMBED, routes,
                properties.poolApiKey(),
                model -> new RemoteEmbeddingModel(model, calls, properties.timeouts().request(), json));
        return new EmbeddingModels(local.getIfAvailable(), remote, properties.defaultModel());
    }

    @Bean
    RerankModels rerankModels(EmbeddingProperties properties, EmbeddingModels embeddings, ModelRoutes routes,
            ModelServerCalls calls, JsonMapper json) {
        RemoteRoutes<Reranker> remote = new RemoteRoutes<>(properties.rerankModels(), ModelTask.RERANK, routes,
                properties.poolApiKey(),
                model -> new RemoteReranker(model, calls, properties.timeouts().request(), json));
        return new RerankModels(remote, embeddings);
    }
}
