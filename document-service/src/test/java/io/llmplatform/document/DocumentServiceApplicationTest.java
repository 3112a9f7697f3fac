package io.llmplatform.document;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.TOKEN_ISSUER})
@Import(TestChunkIndex.Configuration.class)
class DocumentServiceApplicationTest extends ServiceConformanceTests {

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }
}
