package io.llmplatform.embedding;

import io.llmplatform.contracts.events.Topics;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
class EmbeddingServiceApplicationTest extends ServiceConformanceTests {

    static {
        TestEngines.kafka().createTopics(Topics.QUOTA);
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db", "kafka", "quotaFeed", "quotaStore", "modelRoutes");
    }
}
