package io.llmplatform.auth;

import io.llmplatform.testkit.engine.FreePorts;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Secrets generated for this test JVM, never written anywhere: what the environment provides in production. */
public final class AuthTestSecrets {

    public static final String KEY_ENCRYPTION_KEY = random(32);
    public static final String ADMIN_EMAIL = "root-admin@example.com";
    public static final String ADMIN_PASSWORD = "adm-" + random(18);
    public static final String GATEWAY_CLIENT_SECRET = random(24);

    /**
     * Also fixes the port before start-up, so the issuer can be the service's own address, as in a deployment where
     * services derive the issuer from the JWKS URL.
     */
    public static void register(DynamicPropertyRegistry registry) {
        int port = FreePorts.next();
        registry.add("server.port", () -> port);
        registry.add("platform.auth.issuer", () -> "http://localhost:" + port);
        registry.add("platform.auth.key-encryption-key", () -> KEY_ENCRYPTION_KEY);
        registry.add("platform.auth.admin.email", () -> ADMIN_EMAIL);
        registry.add("platform.auth.admin.password", () -> ADMIN_PASSWORD);
        registry.add("platform.auth.service-clients[0].id", () -> "api-gateway");
        registry.add("platform.auth.service-clients[0].secret", () -> GATEWAY_CLIENT_SECRET);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private AuthTestSecrets() {
    }
}
