package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.auth.UserUpdateRequest;
import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What stops a user: their monthly token quota (set by an administrator), and the gateway's request rate. */
@ExtendWith(PlatformExtension.class)
class LimitsThroughGatewayTest {

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    LimitsThroughGatewayTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void aUserWhoseQuotaIsSpentGets429InOpenAisShape() {
        User user = gateway.newUser();
        TokenResponse admin = gateway.login(platform.secrets().adminEmail(), platform.secrets().adminPassword());
        Reply limited = gateway.patch("/api/v1/admin/users/" + user.id(), admin.accessToken(),
                new UserUpdateRequest(null, null, 40L));
        assertThat(limited.status()).as("%s", limited).isEqualTo(200);

        // The new limit travels from auth-service to chat-service over Kafka within moments.
        Reply refused = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.post("/v1/chat/completions", user.accessToken(), completion(100)),
                        reply -> reply.status() == 429);

        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("quota_exceeded");
        assertThat(refused.json().path("error").path("type").asString()).isEqualTo("insufficient_quota");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(gateway.post("/v1/chat/completions", user.accessToken(), completion(10)).status())
                .as("what still fits is served").isEqualTo(200);
    }

    @Test
    void aUserOverTheRateLimitGets429WithWhenToRetry() {
        User user = gateway.newUser();
        Reply last = null;
        for (int i = 0; i <= PlatformUnderTest.CHAT_REQUESTS_PER_MINUTE; i++) {
            last = gateway.get("/api/v1/chat/presets", user.accessToken());
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).as("%s", last).isEqualTo(200);
            assertThat(last.header("X-RateLimit-Limit"))
                    .isEqualTo(Integer.toString(PlatformUnderTest.CHAT_REQUESTS_PER_MINUTE));
        }

        assertThat(last.status()).as("%s", last).isEqualTo(429);
        assertThat(last.json().path("code").asString()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(last.header("X-RateLimit-Reset")).isNotNull();
        assertThat(gateway.get("/api/v1/chat/presets", gateway.newUser().accessToken()).status())
                .as("another user has their own bucket").isEqualTo(200);
    }

    private static Map<String, Object> completion(int maxTokens) {
        return Map.of("model", PlatformUnderTest.MODEL, "max_tokens", maxTokens,
                "messages", List.of(Map.of("role", "user", "content", "Hi")));
    }
}
