package io.llmplatform.models;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
class ModelManagerServiceApplicationTest extends ServiceConformanceTests {

    @DynamicPropertySource
    static void pool(DynamicPropertyRegistry registry) {
        ModelManagerIntegrationTest.poolAndEmbeddingService(registry);
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db", "kafka");
    }
}
