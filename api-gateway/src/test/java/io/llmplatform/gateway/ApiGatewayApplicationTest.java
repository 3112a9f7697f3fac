package io.llmplatform.gateway;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealEngines(Engine.TOKEN_ISSUER)
class ApiGatewayApplicationTest extends ServiceConformanceTests {

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of();
    }
}
