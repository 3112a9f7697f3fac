package io.llmplatform.document.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.document.vectorstore.ChunkVectors;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.engine.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With nothing listening where embedding-service should be, a replace fails as worth retrying and leaves nothing
 * behind (the in-memory vector store here, as on a platform without Chroma).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealEngines({Engine.POSTGRES})
class IndexingWithoutEmbeddingServiceTest {

    static final Path VECTOR_FILE = Path.of("target", "vectors-" + UUID.randomUUID() + ".json");

    @DynamicPropertySource
    static void callees(DynamicPropertyRegistry registry) {
        RealCallees.register(registry);
        registry.add("platform.documents.embedding.url", () -> "http://127.0.0.1:" + FreePorts.next());
        registry.add("platform.documents.index.in-memory-file", VECTOR_FILE::toString);
    }

    @Autowired
    ChunkIndex index;
    @Autowired
    ChunkVectors vectors;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void embeddingServiceDownFailsAsUnavailableAndStoresNothing() {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        IndexedDocument indexed = new IndexedDocument(document, owner, null, "notes.md", "notes");

        assertThatThrownBy(() -> index.replace(indexed, ChunkIndexTest.drafts(ChunkIndexTest.MANUAL),
                (done, total) -> { }))
                .isInstanceOf(IndexingUnavailableException.class)
                .hasMessageContaining("embedding-service");

        assertThat(jdbc.sql("select count(*) from chunks").query(Long.class).single()).isZero();
        float[] anyQuery = new float[384];
        anyQuery[0] = 1;
        assertThat(vectors.nearest(owner, anyQuery, null, List.of(document), 10, -1)).isEmpty();
        assertThat(VECTOR_FILE).doesNotExist();
        assertThat(meters.timer("platform.documents.embedding.wait", "outcome", "failure").count()).isEqualTo(1);
        assertThat(meters.timer("platform.documents.embedding.wait", "outcome", "success").count()).isZero();
    }
}
