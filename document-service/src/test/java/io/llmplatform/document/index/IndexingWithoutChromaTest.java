package io.llmplatform.document.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.engine.FreePorts;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With nothing listening where Chroma should be, the service still starts; a replace is embedded, then fails as
 * worth retrying with no row written, and a vector search is a 503 with a code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES})
class IndexingWithoutChromaTest {

    @DynamicPropertySource
    static void callees(DynamicPropertyRegistry registry) {
        RealCallees.register(registry);
        registry.add("platform.documents.index.chroma.url", () -> "http://127.0.0.1:" + FreePorts.next());
        registry.add("platform.documents.index.chroma.timeout", () -> "2s");
    }

    @Autowired
    ChunkIndex index;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void chromaDownFailsTheReplaceAsUnavailableAndWritesNoRow() {
        UUID owner = UUID.randomUUID();
        IndexedDocument document = new IndexedDocument(UUID.randomUUID(), owner, null, "notes.md", "notes");

        assertThatThrownBy(() -> index.replace(document, ChunkIndexTest.drafts(ChunkIndexTest.MANUAL),
                (done, total) -> { }))
                .isInstanceOf(IndexingUnavailableException.class)
                .hasMessageContaining("Chroma");

        assertThat(jdbc.sql("select count(*) from chunks").query(Long.class).single()).isZero();
    }

    @Test
    void chromaDownMakesVectorSearchA503() {
        RealCallees.User user = RealCallees.newUser();

        HttpResponse<String> answer = new SearchClient(port).post(user.token(),
                "{\"query\":\"espresso\",\"mode\":\"vector\"}");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("service_unavailable");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    }
}
