package io.llmplatform.support.servlet;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;

/** The service defaults on their own, in the smallest Spring MVC service: what every servlet service starts from. */
@SpringBootTest(classes = SmallestService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=smallest-service",
                "management.endpoint.health.group.readiness.include=readinessState"})
@RealEngines(Engine.TOKEN_ISSUER)
class ServletServiceConformanceTest extends ServiceConformanceTests {

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of();
    }
}
