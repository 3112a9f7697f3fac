package io.llmplatform.document;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.TOKEN_ISSUER})
@Import(TestChunkIndex.Configuration.class)
@TestPropertySource(properties = "platform.documents.storage.directory=${java.io.tmpdir}/document-service-conformance")
class DocumentServiceApplicationTest extends ServiceConformanceTests {

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }
}
