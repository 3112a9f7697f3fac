package io.llmplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Token buckets per client address on anonymous routes, per user, and per API key; here in this process. */
class RateLimitTest extends GatewayTestSupport {

    @Test
    void loginIsLimitedPerClientAddressAndEveryResponseReportsTheBucket() {
        CLOCK.advance(Duration.ofMinutes(1));
        List<HttpResponse<String>> allowed = new ArrayList<>();
        for (int i = 0; i < LOGIN_LIMIT; i++) {
            allowed.add(postJson("/api/v1/auth/login", "{\"login\":\"ada\",\"password\":\"wrong\"}"));
        }

        HttpResponse<String> refused = postJson("/api/v1/auth/login", "{\"login\":\"ada\",\"password\":\"wrong\"}");

        assertThat(allowed).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(LOGIN_LIMIT));
            assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
        });
        assertThat(allowed).extracting(response -> response.headers().firstValue("X-RateLimit-Remaining").orElseThrow())
                .containsExactly("2", "1", "0");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).get("code").asString()).isEqualTo("rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).as("one of 3 tokens a minute comes back in 20 s")
                .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(19, 20));
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(LOGIN_LIMIT));
        assertThat(AUTH.requests()).hasSize(LOGIN_LIMIT);
    }

    @Test
    void anEmptiedBucketRefillsWithTime() {
        String user = userToken();
        for (int i = 0; i < CHAT_LIMIT; i++) {
            chat(user);
        }
        assertThat(chat(user).statusCode()).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(60 / CHAT_LIMIT));
        HttpResponse<String> refilled = chat(user);

        assertThat(refilled.statusCode()).isEqualTo(200);
        assertThat(refilled.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(chat(user).statusCode()).isEqualTo(429);
    }

    @Test
    void eachUserHasTheirOwnBucket() {
        String busyUser = userToken();
        String otherUser = userToken();
        for (int i = 0; i < CHAT_LIMIT; i++) {
            assertThat(chat(busyUser).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = chat(busyUser);
        HttpResponse<String> other = chat(otherUser);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).at("/error/code").asString()).isEqualTo("rate_limited");
        assertThat(json(refused).at("/error/type").asString()).isEqualTo("rate_limit_error");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(CHAT.requests()).hasSize(CHAT_LIMIT + 1);
    }

    @Test
    void aProgramsApiKeyHasABucketApartFromItsOwner() {
        UUID owner = UUID.randomUUID();
        String viaKey = AUTH_SERVICE.issueKey(owner);
        for (int i = 0; i < CHAT_LIMIT; i++) {
            chat(viaKey);
        }

        HttpResponse<String> keyRefused = chat(viaKey);
        HttpResponse<String> ownerDirectly = chat(tokenFor(owner));

        assertThat(keyRefused.statusCode()).isEqualTo(429);
        assertThat(ownerDirectly.statusCode()).isEqualTo(200);
    }

    @Test
    void routeClassesHaveSeparateBuckets() {
        String user = userToken();
        for (int i = 0; i < CHAT_LIMIT; i++) {
            chat(user);
        }

        HttpResponse<String> conversations = get("/api/v1/conversations", "Authorization", bearer(user));

        assertThat(chat(user).statusCode()).isEqualTo(429);
        assertThat(conversations.statusCode()).isEqualTo(200);
        assertThat(conversations.headers().firstValue("X-RateLimit-Limit")).hasValue("600");
    }

    private HttpResponse<String> chat(String token) {
        return postJson("/v1/chat/completions", "{\"model\":\"default\",\"messages\":[]}",
                "Authorization", bearer(token));
    }
}
