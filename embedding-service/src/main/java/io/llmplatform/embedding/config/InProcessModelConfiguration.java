package io.llmplatform.embedding.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.llmplatform.embedding.inprocess.InProcessEmbeddingModel;
import io.llmplatform.embedding.inprocess.MicroBatcher;
import io.llmplatform.embedding.inprocess.MiniLmEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * all-MiniLM-L6-v2 in this process ({@code platform.embedding.in-process.enabled}, on by default): the encoder, the
 * threads that run its batches, and the cache of recent vectors.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "platform.embedding.in-process", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class InProcessModelConfiguration {

    @Bean(destroyMethod = "close")
    MiniLmEncoder miniLmEncoder(EmbeddingProperties properties) {
        int threads = properties.inProcess().intraOpThreads();
        return new MiniLmEncoder(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }

    @Bean(destroyMethod = "close")
    MicroBatcher microBatcher(MiniLmEncoder encoder, EmbeddingProperties properties, MeterRegistry meters) {
        EmbeddingProperties.InProcess settings = properties.inProcess();
        return new MicroBatcher(encoder::embed, Math.max(1, settings.inferenceThreads()), settings.maxBatch(),
                settings.batchWindow(), settings.maxWaiting(), meters);
    }

    @Bean
    InProcessEmbeddingModel inProcessEmbeddingModel(MiniLmEncoder encoder, MicroBatcher batcher,
            EmbeddingProperties properties, MeterRegistry meters) {
        Cache<String, float[]> recent = Caffeine.newBuilder().maximumSize(properties.cacheEntries()).recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, recent, "embedding.vectors");
        return new InProcessEmbeddingModel(properties.inProcess().name(), encoder, batcher, recent,
                properties.inProcess().maxInputTokens(), properties.timeouts().request());
    }
}
