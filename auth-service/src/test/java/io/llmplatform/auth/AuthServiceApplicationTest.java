package io.llmplatform.auth;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.conformance.ServiceConformanceTests;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@RealEngines({Engine.POSTGRES, Engine.KAFKA})
class AuthServiceApplicationTest extends ServiceConformanceTests {

    @LocalServerPort
    private int port;

    private String accessToken;

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        AuthTestSecrets.register(registry);
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db", "kafka");
    }

    /** auth-service accepts only tokens it signed itself: a real user's. */
    @Override
    protected String accessToken() {
        if (accessToken == null) {
            accessToken = new AuthApi(port).newUser().accessToken();
        }
        return accessToken;
    }
}
