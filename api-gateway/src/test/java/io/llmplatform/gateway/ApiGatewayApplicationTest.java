package io.llmplatform.gateway;

import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiGatewayApplicationTest extends ServiceConformanceTests {

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of();
    }
}
