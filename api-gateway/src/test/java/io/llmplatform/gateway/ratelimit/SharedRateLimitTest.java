package io.llmplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.ApiGatewayApplication;
import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.FreePorts;
import io.llmplatform.testkit.tokens.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gateway replicas given the same REDIS_URL share every bucket; a replica whose Redis is down fails open to its own
 * in-process buckets and says so in its health, without leaving readiness.
 */
class SharedRateLimitTest {

    private static final int CHAT_LIMIT = 4;
    private static final TestTokenIssuer SIGNING_KEYS = TestTokenIssuer.start();
    private static final FakeService CHAT = FakeService.start("chat-service");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;
    private static ConfigurableApplicationContext withoutRedis;

    @BeforeAll
    static void startReplicas() {
        String redis = TestEngines.redis().url();
        replicaA = gateway(redis);
        replicaB = gateway(redis);
        withoutRedis = gateway("redis://127.0.0.1:" + FreePorts.next());
    }

    @AfterAll
    static void stopReplicas() {
        List.of(replicaA, replicaB, withoutRedis).forEach(ConfigurableApplicationContext::close);
        CHAT.close();
        SIGNING_KEYS.close();
    }

    @Test
    void replicasSharingRedisShareEachCallersBucket() {
        String user = SIGNING_KEYS.tokenFor(UUID.randomUUID(), "USER");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < CHAT_LIMIT; i++) {
            statuses.add(chat(i % 2 == 0 ? replicaA : replicaB, user).statusCode());
        }

        HttpResponse<String> refusedByA = chat(replicaA, user);
        HttpResponse<String> refusedByB = chat(replicaB, user);

        assertThat(statuses).containsOnly(200);
        assertThat(refusedByA.statusCode()).isEqualTo(429);
        assertThat(refusedByB.statusCode()).isEqualTo(429);
        assertThat(refusedByB.headers().firstValue("Retry-After")).isPresent();
        assertThat(refusedByB.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    }

    @Test
    void aKeepAliveConnectionKeepsServingWhileDecisionsComeFromRedis() {
        // Decisions arrive on Redis client threads; reactor-netty 1.3.6 could then stall a keep-alive connection's
        // next request (see ConnectionEventLoop). One connection, many requests: every one is answered.
        HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            statuses.add(send(oneConnection, HttpRequest.newBuilder(uri(replicaA, "/api/v1/conversations"))
                    .header("Authorization", "Bearer " + SIGNING_KEYS.tokenFor(UUID.randomUUID(), "USER"))
                    .timeout(Duration.ofSeconds(5)).GET().build()).statusCode());
        }

        assertThat(statuses).hasSize(300).containsOnly(200);
    }

    @Test
    void aReplicaWhoseRedisIsDownStillServesAndLimitsOnItsOwn() {
        String user = SIGNING_KEYS.tokenFor(UUID.randomUUID(), "USER");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < CHAT_LIMIT; i++) {
            statuses.add(chat(withoutRedis, user).statusCode());
        }

        HttpResponse<String> refused = chat(withoutRedis, user);

        assertThat(statuses).containsOnly(200);
        assertThat(refused.statusCode()).isEqualTo(429);
    }

    @Test
    void theRateLimiterStoreShowsInHealthButNotInReadiness() {
        HttpResponse<String> healthy = get(replicaA, "/actuator/health");
        HttpResponse<String> degraded = get(withoutRedis, "/actuator/health");
        HttpResponse<String> degradedReadiness = get(withoutRedis, "/actuator/health/readiness");

        assertThat(JSON.readTree(healthy.body()).at("/components/rateLimiterStore/status").asString())
                .isEqualTo("UP");
        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(degraded.body()).at("/components/rateLimiterStore/status").asString())
                .isEqualTo("DOWN");
        assertThat(degradedReadiness.statusCode()).isEqualTo(200);
    }

    @Test
    void decisionsTakenWithoutRedisAreCounted() {
        chat(withoutRedis, SIGNING_KEYS.tokenFor(UUID.randomUUID(), "USER"));

        String scrape = get(withoutRedis, "/actuator/prometheus").body();

        assertThat(scrape).containsPattern("platform_gateway_rate_limit_store_errors_total\\{[^}]*} [1-9]");
    }

    private static ConfigurableApplicationContext gateway(String redisUrl) {
        // As an operator starts a replica: the environment variables, here as the highest-precedence arguments.
        return new SpringApplicationBuilder(ApiGatewayApplication.class, OwnNettyResources.class).run(
                "--server.port=0",
                "--REDIS_URL=" + redisUrl,
                "--CHAT_SERVICE_URL=" + CHAT.url(),
                // auth-service's JWKS, and the issuer its tokens must name, follow from where auth-service is.
                "--AUTH_SERVICE_URL=" + SIGNING_KEYS.issuer(),
                "--RATE_LIMIT_CHAT_PER_MINUTE=" + CHAT_LIMIT,
                // The first decision may find the connection still opening; generous here, 100 ms in production.
                "--platform.gateway.rate-limit.redis-timeout=2s");
    }

    /**
     * Closing a context that uses Reactor Netty's global resources disposes them for every other context in this
     * JVM (the test contexts Spring keeps cached); these replicas get their own.
     */
    static final class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }

    private static HttpResponse<String> chat(ConfigurableApplicationContext gateway, String token) {
        return send(HttpRequest.newBuilder(uri(gateway, "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}")).build());
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) {
        return send(HttpRequest.newBuilder(uri(gateway, path)).GET().build());
    }

    private static URI uri(ConfigurableApplicationContext gateway, String path) {
        return URI.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port") + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return send(HTTP, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
