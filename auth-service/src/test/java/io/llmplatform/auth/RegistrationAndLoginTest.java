package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RegistrationAndLoginTest extends AuthIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void registeredUserLogsInByEmailOrUsernameAndGetsAFifteenMinuteJwt() throws Exception {
        String name = unique();
        AuthApi.Response registered = api.register(name + "@Example.COM", name, AuthApi.PASSWORD).expect(201);

        AuthApi.Response byEmail = api.login(name + "@example.com", AuthApi.PASSWORD).expect(200);
        AuthApi.Response byUsername = api.login(name.toUpperCase(), AuthApi.PASSWORD).expect(200);

        assertThat(registered.text("/email")).isEqualTo(name + "@example.com");
        assertThat(registered.body().get("roles").valueStream().map(r -> r.asString())).containsExactly("USER");
        assertThat(registered.body().has("passwordHash")).isFalse();
        assertThat(byUsername.text("/tokenType")).isEqualTo("Bearer");
        assertThat(byUsername.body().get("expiresIn").asLong()).isEqualTo(900);
        var claims = SignedJWT.parse(byEmail.text("/accessToken")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(registered.text("/id"));
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + port);
        assertThat(claims.getAudience()).containsExactly("llm-platform");
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(SignedJWT.parse(byEmail.text("/accessToken")).getHeader().getAlgorithm().getName())
                .isEqualTo("ES256");
    }

    @Test
    void meShowsTheCallersOwnAccount() {
        AuthApi.Session session = api.newUser();

        AuthApi.Response me = api.get("/api/v1/auth/me", session.accessToken()).expect(200);

        assertThat(me.text("/id")).isEqualTo(session.userId().toString());
        assertThat(me.text("/username")).isEqualTo(session.username());
        assertThat(api.get("/api/v1/auth/me", null).status()).isEqualTo(401);
    }

    @Test
    void duplicateEmailOrUsernameInAnyCaseIsUserExistsAndWritesNothing() {
        String name = unique();
        api.register(name + "@example.com", name, AuthApi.PASSWORD).expect(201);

        AuthApi.Response sameEmail = api.register(name.toUpperCase() + "@EXAMPLE.com", unique(), AuthApi.PASSWORD);
        AuthApi.Response sameUsername = api.register(unique() + "@example.com", name.toUpperCase(), AuthApi.PASSWORD);

        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.text("/code")).isEqualTo("user_exists");
        assertThat(sameUsername.status()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from users where lower(username) = lower(?)").param(name)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void passwordPolicyRejectsShortCommonAndSelfDerivedPasswordsNamingTheField() {
        String name = unique();
        Map<String, String> weak = Map.of(
                "short", "eleven char",
                "common", "Password1234",
                "contains the username", "my-" + name + "-secret",
                "one character repeated", "aaaaaaaaaaaaaaa");

        weak.forEach((why, password) -> {
            AuthApi.Response response = api.register(name + "@example.com", name, password);
            assertThat(response.status()).as(why).isEqualTo(400);
            assertThat(response.text("/code")).as(why).isEqualTo("validation_failed");
            assertThat(response.body().toString()).as(why).contains("password");
        });
        assertThat(jdbc.sql("select count(*) from users where username = ?").param(name).query(Long.class).single())
                .isZero();
    }

    @Test
    void invalidEmailAndUsernameAreValidationFailures() {
        AuthApi.Response response = api.register("not-an-email", "x", AuthApi.PASSWORD);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("email", "username");
    }

    @Test
    void unknownUserAndWrongPasswordAreIndistinguishable() {
        AuthApi.Session session = api.newUser();

        AuthApi.Response wrongPassword = api.login(session.username(), "wrong password entirely");
        AuthApi.Response unknownUser = api.login("nobody-" + unique(), "wrong password entirely");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.text("/code")).isEqualTo("invalid_credentials");
        assertThat(wrongPassword.text("/detail")).isEqualTo(unknownUser.text("/detail"));
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPasswordAndFromOtherIps() {
        AuthApi.Session session = api.newUser();
        for (int attempt = 0; attempt < 3; attempt++) {
            api.login(session.username(), "wrong password entirely").expect(401);
        }

        AuthApi.Response locked = api.login(session.username(), AuthApi.PASSWORD,
                headers -> headers.set("X-Forwarded-For", AuthApi.randomClientIp()));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("/code")).isEqualTo("login_locked");
        assertThat(Long.parseLong(locked.headers().getFirst("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    void successfulLoginClearsTheAccountsEarlierFailures() {
        AuthApi.Session session = api.newUser();
        api.login(session.username(), "wrong password entirely").expect(401);
        api.login(session.username(), "wrong password entirely").expect(401);
        api.login(session.username(), AuthApi.PASSWORD).expect(200);

        api.login(session.username(), "wrong password entirely").expect(401);
        api.login(session.username(), "wrong password entirely").expect(401);

        api.login(session.username(), AuthApi.PASSWORD).expect(200);
    }

    @Test
    void repeatedFailuresFromOneIpLockThatIpForEveryAccount() {
        String attackerIp = AuthApi.randomClientIp();
        AuthApi.Session victim = api.newUser();
        for (int attempt = 0; attempt < 6; attempt++) {
            api.login("guess-" + attempt + "-" + unique(), "wrong password entirely",
                    headers -> headers.set("X-Forwarded-For", attackerIp)).expect(401);
        }

        AuthApi.Response fromAttacker = api.login(victim.username(), AuthApi.PASSWORD,
                headers -> headers.set("X-Forwarded-For", attackerIp));
        AuthApi.Response fromElsewhere = api.login(victim.username(), AuthApi.PASSWORD,
                headers -> headers.set("X-Forwarded-For", AuthApi.randomClientIp()));

        assertThat(fromAttacker.status()).isEqualTo(429);
        assertThat(fromAttacker.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(fromElsewhere.status()).isEqualTo(200);
    }

    @Test
    void passwordsAreStoredOnlyAsBcryptHashes() {
        AuthApi.Session session = api.newUser();

        String stored = jdbc.sql("select password_hash from users where id = ?").param(session.userId())
                .query(String.class).single();

        assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(AuthApi.PASSWORD);
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
