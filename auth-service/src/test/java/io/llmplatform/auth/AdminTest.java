package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.testkit.TestEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

class AdminTest extends AuthIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void theFirstAdministratorComesFromTheEnvironment() {
        AuthApi.Session admin = admin();

        AuthApi.Response me = api.get("/api/v1/auth/me", admin.accessToken()).expect(200);

        assertThat(me.body().get("roles").valueStream().map(role -> role.asString()))
                .containsExactlyInAnyOrder("USER", "ADMIN");
    }

    @Test
    void everyAdminRouteIsForbiddenToAnOrdinaryUser() {
        String userToken = api.newUser().accessToken();
        List<String> checked = new ArrayList<>();

        mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getPatternValues().stream().anyMatch(p -> p.startsWith("/api/v1/admin")))
                .forEach(info -> {
                    String path = info.getPatternValues().iterator().next()
                            .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    HttpMethod method = HttpMethod.valueOf(methodOf(info));
                    AuthApi.Response response = api.call(method, path,
                            method == HttpMethod.GET ? null : Map.of(), headers -> headers.setBearerAuth(userToken));
                    assertThat(response.status()).as(method + " " + path).isEqualTo(403);
                    assertThat(response.text("/code")).isEqualTo("forbidden");
                    checked.add(method + " " + path);
                });

        assertThat(checked).as("admin routes found").hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void adminSearchesUsersPageByPage() {
        String marker = "pg" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            api.register(marker + i + "@example.com", marker + i, AuthApi.PASSWORD).expect(201);
        }
        String admin = admin().accessToken();

        AuthApi.Response first = api.get("/api/v1/admin/users?q=" + marker + "&size=2", admin).expect(200);
        AuthApi.Response second = api.get("/api/v1/admin/users?q=" + marker + "&size=2&page=1", admin).expect(200);
        AuthApi.Response admins = api.get("/api/v1/admin/users?role=ADMIN", admin).expect(200);

        assertThat(first.body().get("items").size()).isEqualTo(2);
        assertThat(first.body().get("totalItems").asLong()).isEqualTo(3);
        assertThat(first.body().get("totalPages").asInt()).isEqualTo(2);
        assertThat(first.text("/items/0/username")).isEqualTo(marker + 2);
        assertThat(second.body().get("items").size()).isEqualTo(1);
        assertThat(admins.body().get("items").valueStream().map(u -> u.get("email").asString()))
                .contains(AuthTestSecrets.ADMIN_EMAIL);
        assertThat(api.get("/api/v1/admin/users?size=500", admin).status()).isEqualTo(400);
    }

    @Test
    void grantingAdminTakesEffectAtTheNextLogin() {
        AuthApi.Session user = api.newUser();

        api.patch("/api/v1/admin/users/" + user.userId(), Map.of("roles", List.of("USER", "ADMIN")),
                admin().accessToken()).expect(200);
        String newToken = api.login(user.username(), AuthApi.PASSWORD).expect(200).text("/accessToken");

        api.get("/api/v1/admin/users", newToken).expect(200);
    }

    @Test
    void disablingAUserEndsTheirSessionsLoginsAndApiKeys() {
        AuthApi.Session user = api.newUser();
        String key = api.post("/api/v1/auth/api-keys", Map.of("name", "bot"), user.accessToken()).text("/key");

        AuthApi.Response disabled = api.patch("/api/v1/admin/users/" + user.userId(), Map.of("status", "DISABLED"),
                admin().accessToken()).expect(200);

        assertThat(disabled.text("/status")).isEqualTo("DISABLED");
        assertThat(api.refresh(user.refreshToken()).status()).isEqualTo(401);
        AuthApi.Response login = api.login(user.username(), AuthApi.PASSWORD);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.text("/code")).isEqualTo("account_disabled");
        AuthApi.Response exchange = api.post("/internal/v1/api-keys/exchange", Map.of("apiKey", key), serviceToken());
        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.text("/code")).isEqualTo("account_disabled");
    }

    @Test
    void limitChangesArePublishedToEveryReplicaWithinSeconds() {
        AuthApi.Session user = api.newUser();
        try (var consumer = quotaConsumer()) {
            api.patch("/api/v1/admin/users/" + user.userId(), Map.of("monthlyTokenLimit", 4242),
                    admin().accessToken()).expect(200);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<QuotaState> states = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(user.userId().toString())) {
                        states.add(JsonMapper.builder().build().readValue(record.value(), QuotaState.class));
                    }
                });
                assertThat(states).anySatisfy(state -> assertThat(state.monthlyTokenLimit()).isEqualTo(4242));
            });
        }
        assertThat(api.get("/api/v1/admin/users/" + user.userId(), admin().accessToken())
                .body().get("monthlyTokenLimit").asLong()).isEqualTo(4242);
    }

    @Test
    void anAdministratorCannotLockThemselvesOut() {
        AuthApi.Session admin = admin();
        String adminId = api.get("/api/v1/auth/me", admin.accessToken()).text("/id");

        AuthApi.Response demote = api.patch("/api/v1/admin/users/" + adminId, Map.of("roles", List.of("USER")),
                admin.accessToken());
        AuthApi.Response disable = api.patch("/api/v1/admin/users/" + adminId, Map.of("status", "DISABLED"),
                admin.accessToken());

        assertThat(demote.status()).isEqualTo(409);
        assertThat(disable.status()).isEqualTo(409);
        api.get("/api/v1/admin/users", admin.accessToken()).expect(200);
    }

    @Test
    void invalidChangesAreValidationFailuresNamingTheFields() {
        AuthApi.Session user = api.newUser();

        AuthApi.Response response = api.patch("/api/v1/admin/users/" + user.userId(),
                Map.of("roles", List.of("ROOT"), "monthlyTokenLimit", -5, "status", "GONE"), admin().accessToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("monthlyTokenLimit", "status").anyMatch(field -> field.startsWith("roles"));
    }

    private static String methodOf(RequestMappingInfo info) {
        return info.getMethodsCondition().getMethods().iterator().next().name();
    }

    private static KafkaConsumer<String, String> quotaConsumer() {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "quota-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(Topics.QUOTA));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        return consumer;
    }
}
