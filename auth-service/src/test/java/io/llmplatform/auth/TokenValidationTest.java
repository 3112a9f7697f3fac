package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.llmplatform.auth.token.SigningKeys;
import io.llmplatform.resourceserver.ResourceServer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A resource server configured with nothing but auth-service's JWKS URL, the way every other service runs, accepts
 * auth-service's tokens and rejects everything else.
 */
class TokenValidationTest extends AuthIntegrationTest {

    @Autowired
    private SigningKeys signingKeys;

    private ConfigurableApplicationContext resourceServer;
    private AuthApi resourceServerApi;

    @BeforeEach
    void startResourceServer() {
        resourceServer = startResourceServer("http://localhost:" + port + "/.well-known/jwks.json");
        resourceServerApi = apiOf(resourceServer);
    }

    @AfterEach
    void stopResourceServer() {
        resourceServer.close();
    }

    @Test
    void acceptsATokenAuthServiceIssued() {
        AuthApi.Session session = api.newUser();

        AuthApi.Response whoami = resourceServerApi.get("/whoami", session.accessToken()).expect(200);

        assertThat(whoami.text("/userId")).isEqualTo(session.userId().toString());
        assertThat(whoami.text("/roles/0")).isEqualTo("USER");
    }

    @Test
    void rejectsATamperedToken() throws Exception {
        SignedJWT issued = SignedJWT.parse(api.newUser().accessToken());
        JWTClaimsSet escalated = new JWTClaimsSet.Builder(issued.getJWTClaimsSet())
                .claim("roles", List.of("USER", "ADMIN")).build();
        String tampered = issued.getHeader().toBase64URL() + "." + Base64URL.encode(escalated.toString()) + "."
                + issued.getSignature();

        assertRejected(tampered);
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        Instant longAgo = Instant.now().minusSeconds(3600);
        assertRejected(signWithActiveKey(validClaims().issueTime(Date.from(longAgo))
                .expirationTime(Date.from(longAgo.plusSeconds(900))).build()));
    }

    @Test
    void rejectsAnUnsignedAlgNoneToken() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String claims = Base64URL.encode(validClaims().build().toString()).toString();

        assertRejected(header + "." + claims + ".");
    }

    @Test
    void rejectsATokenFromAnotherIssuer() throws Exception {
        assertRejected(signWithActiveKey(validClaims().issuer("https://evil.example.com").build()));
    }

    @Test
    void rejectsATokenForAnotherAudience() throws Exception {
        assertRejected(signWithActiveKey(validClaims().audience("another-platform").build()));
    }

    @Test
    void rejectsATokenSignedByAKeyNotInTheJwks() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();

        assertRejected(sign(validClaims().build(), stranger));
    }

    @Test
    void rotationPublishesTheNewKeyAndKeepsAcceptingTokensSignedBeforeIt() throws Exception {
        AuthApi.Session before = api.newUser();
        String oldKid = SignedJWT.parse(before.accessToken()).getHeader().getKeyID();
        resourceServerApi.get("/whoami", before.accessToken()).expect(200);

        String newKid = api.post("/api/v1/admin/signing-keys/rotate", Map.of(), admin().accessToken())
                .expect(200).text("/activeKeyId");
        AuthApi.Session after = api.newUser();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(SignedJWT.parse(after.accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(api.get("/.well-known/jwks.json", null).body().get("keys").valueStream()
                .map(key -> key.get("kid").asString())).contains(oldKid, newKid);
        resourceServerApi.get("/whoami", after.accessToken()).expect(200);
        resourceServerApi.get("/whoami", before.accessToken()).expect(200);
    }

    @Test
    void unreachableJwksIsServiceUnavailableNotAServerError() {
        ConfigurableApplicationContext orphan = startResourceServer("http://localhost:1/.well-known/jwks.json");
        try {
            AuthApi orphanApi = apiOf(orphan);

            AuthApi.Response response = orphanApi.get("/whoami", api.newUser().accessToken());

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.text("/code")).isEqualTo("service_unavailable");
            assertThat(response.headers().getFirst("Retry-After")).isEqualTo("5");
        } finally {
            orphan.close();
        }
    }

    @Test
    void jwksPublishesOnlyPublicKeys() {
        AuthApi.Response jwks = api.get("/.well-known/jwks.json", null).expect(200);

        assertThat(jwks.body().get("keys").valueStream()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.get("kty").asString()).isEqualTo("EC");
            assertThat(key.has("d")).as("private part").isFalse();
        });
        assertThat(jwks.headers().getCacheControl()).contains("max-age=60");
    }

    /** Only the JWKS URL is configured: no application.yml, no issuer, no audience. */
    private static ConfigurableApplicationContext startResourceServer(String jwksUri) {
        return new SpringApplicationBuilder(ResourceServer.class).run(
                "--spring.config.name=resource-server",
                "--server.port=0",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "--platform.security.jwks-uri=" + jwksUri);
    }

    private static AuthApi apiOf(ConfigurableApplicationContext server) {
        return new AuthApi(((WebServerApplicationContext) server).getWebServer().getPort());
    }

    private void assertRejected(String token) {
        AuthApi.Response response = resourceServerApi.get("/whoami", token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("/code")).isEqualTo("invalid_token");
        assertThat(response.headers().getFirst("WWW-Authenticate")).contains("invalid_token");
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("http://localhost:" + port).audience("llm-platform")
                .subject(UUID.randomUUID().toString()).claim("roles", List.of("USER"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString());
    }

    private String signWithActiveKey(JWTClaimsSet claims) throws Exception {
        return sign(claims, signingKeys.current().active());
    }

    private static String sign(JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
