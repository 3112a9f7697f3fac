package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApiKeyAndServiceClientTest extends AuthIntegrationTest {

    private static final String EXCHANGE = "/internal/v1/api-keys/exchange";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void createdKeyIsShownOnceThenListedOnlyByItsPrefix() {
        AuthApi.Session session = api.newUser();

        AuthApi.Response created = api.post("/api/v1/auth/api-keys", Map.of("name", "ci pipeline"),
                session.accessToken()).expect(201);
        AuthApi.Response listed = api.get("/api/v1/auth/api-keys", session.accessToken()).expect(200);

        String key = created.text("/key");
        assertThat(key).startsWith("sk-").hasSize(46);
        assertThat(listed.body().toString()).doesNotContain(key);
        assertThat(listed.text("/0/prefix")).isEqualTo(key.substring(0, 9) + "...");
        assertThat(listed.text("/0/name")).isEqualTo("ci pipeline");
        assertThat(jdbc.sql("select count(*) from api_keys where encode(key_hash, 'escape') like 'sk-%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void gatewayExchangesAKeyForAShortLivedTokenNamingTheKey() throws Exception {
        AuthApi.Session session = api.newUser();
        AuthApi.Response created = api.post("/api/v1/auth/api-keys", Map.of("name", "bot"), session.accessToken());

        AuthApi.Response exchanged = api.post(EXCHANGE, Map.of("apiKey", created.text("/key")), serviceToken())
                .expect(200);

        var claims = SignedJWT.parse(exchanged.text("/access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(session.userId().toString());
        assertThat(claims.getStringClaim("api_key_id")).isEqualTo(created.text("/id"));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        api.get("/api/v1/auth/me", exchanged.text("/access_token")).expect(200);
        assertThat(api.get("/api/v1/auth/api-keys", session.accessToken()).text("/0/lastUsedAt")).isNotBlank();
    }

    @Test
    void onlyAServiceIdentityMayExchangeKeys() {
        AuthApi.Session session = api.newUser();
        String key = api.post("/api/v1/auth/api-keys", Map.of("name", "bot"), session.accessToken()).text("/key");

        AuthApi.Response asUser = api.post(EXCHANGE, Map.of("apiKey", key), session.accessToken());
        AuthApi.Response anonymous = api.post(EXCHANGE, Map.of("apiKey", key));

        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.text("/code")).isEqualTo("forbidden");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void revokedExpiredAndUnknownKeysAreRefused() {
        AuthApi.Session session = api.newUser();
        String revoked = api.post("/api/v1/auth/api-keys", Map.of("name", "old"), session.accessToken()).text("/key");
        String revokedId = api.get("/api/v1/auth/api-keys", session.accessToken()).text("/0/id");
        api.delete("/api/v1/auth/api-keys/" + revokedId, session.accessToken()).expect(204);
        AuthApi.Response expiring = api.post("/api/v1/auth/api-keys",
                Map.of("name", "short", "expiresAt", Instant.now().plusSeconds(60).toString()), session.accessToken());
        jdbc.sql("update api_keys set expires_at = now() - interval '1 second' where id = ?::uuid")
                .param(expiring.text("/id")).update();
        String service = serviceToken();

        for (String key : new String[] {revoked, expiring.text("/key"), "sk-never-issued", "not-even-a-key"}) {
            AuthApi.Response refused = api.post(EXCHANGE, Map.of("apiKey", key), service);
            assertThat(refused.status()).as(key).isEqualTo(401);
            assertThat(refused.text("/code")).as(key).isEqualTo("invalid_api_key");
        }
        assertThat(api.get("/api/v1/auth/api-keys", session.accessToken()).body().size()).isEqualTo(1);
    }

    @Test
    void aUserCannotRevokeAnotherUsersKey() {
        AuthApi.Session owner = api.newUser();
        AuthApi.Session other = api.newUser();
        String keyId = api.post("/api/v1/auth/api-keys", Map.of("name", "mine"), owner.accessToken()).text("/id");

        AuthApi.Response attempt = api.delete("/api/v1/auth/api-keys/" + keyId, other.accessToken());

        assertThat(attempt.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/auth/api-keys", owner.accessToken()).body().size()).isEqualTo(1);
    }

    @Test
    void pastExpiryIsAValidationFailure() {
        AuthApi.Session session = api.newUser();

        AuthApi.Response response = api.post("/api/v1/auth/api-keys",
                Map.of("name", "x", "expiresAt", Instant.now().minusSeconds(60).toString()), session.accessToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("/errors/0/field")).isEqualTo("expiresAt");
    }

    @Test
    void serviceClientGetsAServiceTokenOnlyWithItsSecret() throws Exception {
        AuthApi.Response wrongSecret = api.form("/oauth2/token", "grant_type=client_credentials",
                headers -> headers.setBasicAuth("api-gateway", "not-the-secret"));
        AuthApi.Response unknownClient = api.form("/oauth2/token", "grant_type=client_credentials",
                headers -> headers.setBasicAuth("intruder", AuthTestSecrets.GATEWAY_CLIENT_SECRET));
        AuthApi.Response wrongGrant = api.form("/oauth2/token", "grant_type=password", headers -> { });

        var claims = SignedJWT.parse(serviceToken()).getJWTClaimsSet();

        assertThat(claims.getSubject()).isEqualTo("api-gateway");
        assertThat(claims.getStringListClaim("roles")).containsExactly("SERVICE");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.text("/error")).isEqualTo("invalid_client");
        assertThat(unknownClient.status()).isEqualTo(401);
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.text("/error")).isEqualTo("unsupported_grant_type");
    }

    @Test
    void aServiceTokenCannotActAsAUser() {
        AuthApi.Response me = api.get("/api/v1/auth/me", serviceToken());

        assertThat(me.status()).isEqualTo(403);
    }
}
