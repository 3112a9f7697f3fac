package io.llmplatform.models.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.models.ModelManagerServiceApplication;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.PostgresEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A switch survives a restart of the service: the service is stopped while its job is LOADING, and the next
 * instance, on the same database, takes the job over once its lease ran out and finishes it.
 */
class SwitchSurvivesRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aJobInterruptedWhileLoadingIsResumedByTheNextInstanceAndFinishes() throws Exception {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .servedModels("before-restart").build())) {
            PostgresEngine.Database database = TestEngines.postgres().createDatabase("restart");
            Map<String, Object> settings = settings(database, simulator);
            String admin = TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "ADMIN");

            String jobId;
            try (ConfigurableApplicationContext first = start(settings)) {
                JsonNode accepted = JSON.readTree(send(first, "POST", "/api/v1/models/switch", admin,
                        "{\"profileId\":\"phi-3-mini-4k-instruct\"}").body());
                jobId = accepted.get("id").asString();
                await().atMost(Duration.ofSeconds(10)).until(() -> state(first, jobId, admin).equals("LOADING"));
            }
            assertThat(storedState(database, jobId)).as("left as it was by the stopped instance")
                    .isEqualTo("LOADING");
            try (ConfigurableApplicationContext second = start(settings)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> state(second, jobId, admin).equals("READY"));

                assertThat(simulator.servedModel()).isEqualTo("microsoft/Phi-3-mini-4k-instruct");
                JsonNode models = JSON.readTree(send(second, "GET", "/v1/models", admin, null).body());
                assertThat(models.at("/data/0/id").asString()).isEqualTo("microsoft/Phi-3-mini-4k-instruct");
            }
        }
    }

    private static String storedState(PostgresEngine.Database database, String jobId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement query = connection.prepareStatement("select state from switch_job where id = ?")) {
            query.setObject(1, UUID.fromString(jobId));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static Map<String, Object> settings(PostgresEngine.Database database, VllmSimulator simulator) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", 0);
        settings.put("spring.datasource.url", database.jdbcUrl());
        settings.put("spring.datasource.username", database.username());
        settings.put("spring.datasource.password", database.password());
        settings.put("spring.kafka.bootstrap-servers", TestEngines.kafka().bootstrapServers());
        settings.put("platform.security.jwks-uri", TestEngines.tokenIssuer().jwksUri());
        settings.put("platform.security.issuer", TestEngines.tokenIssuer().issuer());
        settings.put("platform.models.pools[0].name", "restarted");
        settings.put("platform.models.pools[0].base-url", simulator.baseUrl());
        settings.put("platform.models.embedding-service-url", "http://127.0.0.1:9");
        // Loading takes longer than the first instance lives; the lease is short so the second takes over soon.
        settings.put("platform.models.switching.simulator-load-time", "3s");
        settings.put("platform.models.switching.lease", "1s");
        settings.put("platform.models.switching.readiness-poll", "100ms");
        return settings;
    }

    /** As a process would be started: settings as command-line arguments, above application.yml. */
    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        return new SpringApplicationBuilder(ModelManagerServiceApplication.class).run(settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
    }

    private String state(ConfigurableApplicationContext app, String jobId, String token) throws Exception {
        return JSON.readTree(send(app, "GET", "/api/v1/models/switch/" + jobId, token, null).body()).get("state")
                .asString();
    }

    private HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path, String token,
            String body) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
