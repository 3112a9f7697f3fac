package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RefreshTokenTest extends AuthIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void refreshRotatesTheTokenAndIssuesANewAccessToken() {
        AuthApi.Session session = api.newUser();

        AuthApi.Response refreshed = api.refresh(session.refreshToken()).expect(200);

        assertThat(refreshed.text("/refreshToken")).isNotEqualTo(session.refreshToken());
        assertThat(refreshed.text("/accessToken")).isNotEqualTo(session.accessToken());
        api.get("/api/v1/auth/me", refreshed.text("/accessToken")).expect(200);
        api.refresh(refreshed.text("/refreshToken")).expect(200);
    }

    @Test
    void presentingARotatedTokenRevokesTheWholeFamily() {
        AuthApi.Session session = api.newUser();
        String second = api.refresh(session.refreshToken()).expect(200).text("/refreshToken");

        AuthApi.Response reuse = api.refresh(session.refreshToken());
        AuthApi.Response newestAfterReuse = api.refresh(second);

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.text("/code")).isEqualTo("refresh_token_reused");
        assertThat(newestAfterReuse.status()).as("the legitimate holder's newest token dies too").isEqualTo(401);
        assertThat(newestAfterReuse.text("/code")).isEqualTo("invalid_token");
    }

    @Test
    void otherSessionsOfTheSameUserSurviveAReuseInOneFamily() {
        AuthApi.Session session = api.newUser();
        String otherDevice = api.login(session.username(), AuthApi.PASSWORD).expect(200).text("/refreshToken");
        api.refresh(session.refreshToken()).expect(200);

        api.refresh(session.refreshToken()).expect(401);

        api.refresh(otherDevice).expect(200);
    }

    @Test
    void logoutRevokesTheFamilyAndUnknownTokensAreIgnored() {
        AuthApi.Session session = api.newUser();
        String second = api.refresh(session.refreshToken()).expect(200).text("/refreshToken");

        api.logout(second).expect(204);
        api.logout("never-issued-token").expect(204);

        assertThat(api.refresh(second).text("/code")).isEqualTo("invalid_token");
    }

    @Test
    void expiredRefreshTokenIsRejected() {
        AuthApi.Session session = api.newUser();
        jdbc.sql("update refresh_tokens set expires_at = now() - interval '1 minute' where family_id in "
                + "(select id from refresh_token_families where user_id = ?)").param(session.userId()).update();

        AuthApi.Response expired = api.refresh(session.refreshToken());

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.text("/detail")).contains("expired");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        AuthApi.Session session = api.newUser();

        long plaintextRows = jdbc.sql("select count(*) from refresh_tokens where encode(token_hash, 'escape') = ?")
                .param(session.refreshToken()).query(Long.class).single();
        long rows = jdbc.sql("select count(*) from refresh_tokens t join refresh_token_families f "
                + "on f.id = t.family_id where f.user_id = ? and length(t.token_hash) = 32")
                .param(session.userId()).query(Long.class).single();

        assertThat(plaintextRows).isZero();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void malformedRefreshRequestIsAValidationFailure() {
        AuthApi.Response response = api.post("/api/v1/auth/refresh", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("/errors/0/field")).isEqualTo("refreshToken");
    }
}
