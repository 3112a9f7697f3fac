package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.auth.RefreshRequest;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signing up, in and out through the gateway, and what it does with tokens that are missing or forged. */
@ExtendWith(PlatformExtension.class)
class AccountsThroughGatewayTest {

    private final GatewayClient gateway;

    AccountsThroughGatewayTest(PlatformUnderTest platform) {
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void aNewUserRegistersLogsInAndRefreshesTheirSession() {
        User user = gateway.newUser();

        Reply me = gateway.get("/api/v1/auth/me", user.accessToken());
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("email").asString()).isEqualTo(user.email());

        Reply refreshed = gateway.post("/api/v1/auth/refresh", null, new RefreshRequest(user.refreshToken()));
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        TokenResponse renewed = refreshed.as(TokenResponse.class);
        assertThat(renewed.refreshToken()).isNotEqualTo(user.refreshToken());
        assertThat(gateway.get("/api/v1/auth/me", renewed.accessToken()).status()).isEqualTo(200);

        Reply replayed = gateway.post("/api/v1/auth/refresh", null, new RefreshRequest(user.refreshToken()));
        assertThat(replayed.status()).as("a refresh token works once").isEqualTo(401);
        assertThat(replayed.json().path("code").asString()).isEqualTo("refresh_token_reused");
    }

    @Test
    void withoutATokenTheGatewayAnswers401WithAChallenge() {
        Reply reply = gateway.get("/api/v1/conversations", null);

        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.json().path("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void aTamperedTokenIsRefusedAtTheEdge() {
        User user = gateway.newUser();
        String[] parts = user.accessToken().split("\\.");
        String forgedClaims = parts[1].substring(0, parts[1].length() - 2)
                + (parts[1].endsWith("A") ? "B" : "A") + parts[1].charAt(parts[1].length() - 1);
        String tampered = parts[0] + "." + forgedClaims + "." + parts[2];

        Reply reply = gateway.get("/api/v1/auth/me", tampered);

        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(reply.json().path("code").asString()).isEqualTo("invalid_token");
    }

    @Test
    void theSigningKeysArePublicThroughTheGateway() {
        Reply keys = gateway.get("/.well-known/jwks.json", null);

        assertThat(keys.status()).as("%s", keys).isEqualTo(200);
        assertThat(keys.json().path("keys").size()).isPositive();
    }
}
