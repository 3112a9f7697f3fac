package io.llmplatform.document.index;

import io.llmplatform.contracts.auth.AccessToken;
import io.llmplatform.contracts.auth.LoginRequest;
import io.llmplatform.contracts.auth.RegisterRequest;
import io.llmplatform.contracts.auth.TokenResponse;
import io.llmplatform.contracts.auth.UserView;
import io.llmplatform.launcher.LaunchFailure;
import io.llmplatform.launcher.LaunchSettings;
import io.llmplatform.launcher.LocalPlatform;
import io.llmplatform.launcher.service.PlatformService;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.PostgresEngine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real auth-service and embedding-service (with its in-process MiniLM model) from their jars, each its own
 * process on a free port, on the test kit's PostgreSQL and Kafka: started once per test JVM and stopped at its exit.
 * document-service under test validates auth-service's tokens and gets its own client-credentials token there.
 */
final class RealCallees {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static LocalPlatform platform;

    /** A registered user's access token and id. */
    record User(UUID id, String token) {
    }

    static synchronized LocalPlatform platform() {
        if (platform == null) {
            PostgresEngine postgres = TestEngines.postgres();
            Path repository = Path.of(System.getProperty("platform.repository", "..")).toAbsolutePath().normalize();
            LaunchSettings settings = LaunchSettings.builder(repository,
                            repository.resolve("document-service/target/callees"))
                    .services(List.of(PlatformService.AUTH.module(), PlatformService.EMBEDDING.module()))
                    .postgres(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password())
                    .kafka(TestEngines.kafka().bootstrapServers())
                    .freePorts(true)
                    .aotCache(false)
                    .build();
            try {
                platform = LocalPlatform.start(settings, message -> System.out.println("[callees] " + message));
            } catch (LaunchFailure e) {
                throw new IllegalStateException("auth-service and embedding-service did not start (build their jars "
                        + "first: ./mvnw -pl document-service -am package): " + e.getMessage(), e);
            }
            LocalPlatform started = platform;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return platform;
    }

    /** document-service's settings that point at the real callees. */
    static void register(DynamicPropertyRegistry registry) {
        LocalPlatform callees = platform();
        String auth = callees.url(PlatformService.AUTH).toString().replaceAll("/$", "");
        registry.add("platform.security.jwks-uri", () -> auth + "/.well-known/jwks.json");
        registry.add("platform.security.issuer", () -> auth);
        registry.add("spring.security.oauth2.client.provider.auth-service.token-uri", () -> auth + "/oauth2/token");
        registry.add("spring.security.oauth2.client.registration.platform-service.client-secret",
                () -> callees.secrets().documentClientSecret());
        registry.add("platform.documents.embedding.url", () -> embeddingServiceUrl());
    }

    static String embeddingServiceUrl() {
        return platform().url(PlatformService.EMBEDDING).toString().replaceAll("/$", "");
    }

    /** Registers a new user and logs them in. */
    static User newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse " + UUID.randomUUID();
        post("/api/v1/auth/register", new RegisterRequest(name + "@example.com", name, password), UserView.class);
        TokenResponse tokens = post("/api/v1/auth/login", new LoginRequest(name, password), TokenResponse.class);
        UserView me = send(HttpRequest.newBuilder(auth("/api/v1/auth/me"))
                .header("Authorization", "Bearer " + tokens.accessToken()).GET().build(), UserView.class);
        return new User(me.id(), tokens.accessToken());
    }

    /** A client-credentials token of a platform service (document-service's own client, as chat-service has one). */
    static String serviceToken() {
        String form = "grant_type=client_credentials&client_id=document-service&client_secret="
                + URLEncoder.encode(platform().secrets().documentClientSecret(), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(auth("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), AccessToken.class).accessToken();
    }

    private static URI auth(String path) {
        return platform().url(PlatformService.AUTH).resolve(path);
    }

    private static <T> T post(String path, Object body, Class<T> answer) {
        return send(HttpRequest.newBuilder(auth(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), answer);
    }

    private static <T> T send(HttpRequest request, Class<T> answer) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readValue(response.body(), answer);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private RealCallees() {
    }
}
