package io.llmplatform.auth;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole auth-service on a random port against real PostgreSQL and Kafka. Every test class extending this shares
 * one application context, so tests create their own users and never depend on each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "platform.auth.lockout.account-max-failures=3",
        "platform.auth.lockout.ip-max-failures=6"})
@RealEngines({Engine.POSTGRES, Engine.KAFKA})
public abstract class AuthIntegrationTest {

    @LocalServerPort
    protected int port;

    protected AuthApi api;

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        AuthTestSecrets.register(registry);
    }

    @BeforeEach
    void api() {
        api = new AuthApi(port);
    }

    protected AuthApi.Session admin() {
        AuthApi.Response login = api.login(AuthTestSecrets.ADMIN_EMAIL, AuthTestSecrets.ADMIN_PASSWORD).expect(200);
        return new AuthApi.Session(null, "admin", AuthTestSecrets.ADMIN_EMAIL, login.text("/accessToken"),
                login.text("/refreshToken"));
    }

    protected String serviceToken() {
        return api.form("/oauth2/token", "grant_type=client_credentials",
                headers -> headers.setBasicAuth("api-gateway", AuthTestSecrets.GATEWAY_CLIENT_SECRET))
                .expect(200).text("/access_token");
    }
}
