package io.llmplatform.document;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * document-service on a random port against real PostgreSQL, with the {@link TestChunkIndex} standing in for the
 * index half. Small limits so tests can reach them: 2 MB files, 3 attempts 200 ms apart at first, and one worker,
 * so a held run keeps the next documents queued. Test classes
 * extending this share one context, so each test works as a fresh user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.TOKEN_ISSUER})
@Import(TestChunkIndex.Configuration.class)
public abstract class DocumentServiceIntegrationTest {

    protected static final Path STORAGE = temporaryDirectory();

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestChunkIndex index;

    @Autowired
    protected JdbcClient jdbc;

    protected DocumentsClient api;
    protected UUID user;
    protected String token;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("platform.documents.storage.directory", STORAGE::toString);
        registry.add("platform.documents.upload.max-file-size", () -> "2MB");
        registry.add("spring.servlet.multipart.max-request-size", () -> "3MB");
        registry.add("platform.documents.ingestion.workers", () -> 1);
        registry.add("platform.documents.ingestion.max-attempts", () -> 3);
        registry.add("platform.documents.ingestion.initial-backoff", () -> "200ms");
        registry.add("platform.documents.ingestion.poll-interval", () -> "100ms");
        registry.add("platform.documents.ingestion.status-stream.poll-interval", () -> "50ms");
    }

    @BeforeEach
    void freshUser() {
        api = new DocumentsClient(port);
        user = UUID.randomUUID();
        token = TestEngines.tokenIssuer().tokenFor(user, "USER");
    }

    protected static String tokenOfAnotherUser() {
        return TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER");
    }

    protected static boolean fileKept(UUID documentId) {
        String name = documentId.toString();
        return Files.exists(STORAGE.resolve(name.substring(0, 2)).resolve(name));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("document-storage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
