package io.llmplatform.document;

import io.llmplatform.document.index.ChunkIndex;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.PostgresEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Replicas of document-service as separate application contexts on one fresh database, each with the
 * {@link TestChunkIndex} it is given, started with the settings a test adds. {@link #close()} stops what is left.
 */
public final class ServiceReplicas implements AutoCloseable {

    private final PostgresEngine.Database database = TestEngines.postgres().createDatabase("document-replicas");
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    public ConfigurableApplicationContext start(TestChunkIndex index, String... settings) {
        String[] arguments = Stream.concat(Stream.of(
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--platform.security.jwks-uri=" + TestEngines.tokenIssuer().jwksUri(),
                        "--platform.security.issuer=" + TestEngines.tokenIssuer().issuer(),
                        "--server.port=0",
                        "--platform.documents.ingestion.poll-interval=100ms"), Stream.of(settings))
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DocumentServiceApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("testChunkIndex",
                        ChunkIndex.class, () -> index, definition -> definition.setPrimary(true)))
                .run(arguments);
        started.add(context);
        return context;
    }

    public static DocumentsClient api(ConfigurableApplicationContext replica) {
        return new DocumentsClient(Integer.parseInt(replica.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
    }
}
