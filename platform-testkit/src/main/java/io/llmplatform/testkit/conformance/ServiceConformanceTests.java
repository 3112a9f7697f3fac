package io.llmplatform.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.http.RawHttp;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every platform service does, checked over HTTP against the whole running application: probes, metrics,
 * OpenAPI, the error bodies with their stable codes, request ids, trace propagation, structured logs, and bearer
 * token authentication where the service has it. Health, metrics and API docs are always reached without a token.
 * <p>
 * Each service extends this in a test annotated {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@code @RealEngines(...)}, naming the health components its readiness depends on.
 */
@Import(ConformanceProbeController.class)
@ExtendWith(OutputCaptureExtension.class)
public abstract class ServiceConformanceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    @Autowired
    private ObjectProvider<DataSource> dataSource;

    /** Health components the service's readiness must report UP: {@code db}, {@code kafka}... */
    protected abstract Set<String> readinessDependencies();

    /**
     * The access token the checks send, or null for a service without authentication. By default a user token from
     * the test kit's issuer when the test asks for {@link Engine#TOKEN_ISSUER}; auth-service, which only accepts its
     * own tokens, overrides this.
     */
    protected String accessToken() {
        var engines = MergedAnnotations.from(getClass(), SearchStrategy.TYPE_HIERARCHY).get(RealEngines.class);
        boolean issuer = engines.isPresent()
                && List.of(engines.getEnumArray("value", Engine.class)).contains(Engine.TOKEN_ISSUER);
        return issuer ? TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER") : null;
    }

    @Test
    void requestsWithoutAValidTokenAreChallengedWhereAuthenticationIsOn() {
        boolean secured = accessToken() != null;
        HttpHeaders garbage = new HttpHeaders();
        garbage.setBearerAuth("not.a.jwt");

        ResponseEntity<String> anonymous = get("/conformance-probe/failure", new HttpHeaders());
        ResponseEntity<String> forged = get("/conformance-probe/failure", garbage);

        if (!secured) {
            assertThat(anonymous.getStatusCode().value()).as("a service without authentication").isEqualTo(500);
            return;
        }
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(JSON.readTree(anonymous.getBody()).get("code").asString()).isEqualTo("unauthorized");
        assertThat(forged.getStatusCode().value()).isEqualTo(401);
        assertThat(forged.getHeaders().getFirst("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(JSON.readTree(forged.getBody()).get("code").asString()).isEqualTo("invalid_token");
    }

    @Test
    void livenessAndReadinessAreUpWithTheServiceDependencies() throws InterruptedException {
        JsonNode readiness = readinessOnceUp(Duration.ofSeconds(30));
        JsonNode health = getJson("/actuator/health");
        JsonNode liveness = getJson("/actuator/health/liveness");

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(liveness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").propertyNames()).containsAll(readinessDependencies());
        for (String dependency : readinessDependencies()) {
            assertThat(readiness.at("/components/" + dependency + "/status").asString())
                    .as("readiness component %s", dependency).isEqualTo("UP");
        }
    }

    @Test
    void prometheusExposesJvmAndHttpServerMetricsTaggedWithTheService() {
        get("/actuator/health", new HttpHeaders());

        String scrape = get("/actuator/prometheus", new HttpHeaders()).getBody();

        assertThat(scrape).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "application=\"" + applicationName() + "\"");
        if (dataSource.getIfAvailable() != null) {
            assertThat(scrape).contains("hikaricp_connections");
        }
    }

    @Test
    void flywayMigrationsWereAppliedToTheServiceDatabase() throws SQLException {
        DataSource database = dataSource.getIfAvailable();
        if (database == null) {
            assertThat(readinessDependencies()).as("a service without a database").doesNotContain("db");
            return;
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet applied = statement.executeQuery(
                        "select count(*) filter (where success), count(*) from flyway_schema_history")) {
            applied.next();
            assertThat(applied.getInt(1)).as("successful migrations").isPositive().isEqualTo(applied.getInt(2));
        }
    }

    @Test
    void unknownPathIsANotFoundProblemWithTheCallersTrace() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        HttpHeaders headers = new HttpHeaders();
        headers.set("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");

        ResponseEntity<String> response = get("/no-such-path", authenticated(headers));

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("code").asString()).isEqualTo("not_found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("instance").asString()).isEqualTo("/no-such-path");
        assertThat(problem.get("traceId").asString()).isEqualTo(traceId);
        assertThat(problem.get("requestId").asString())
                .isEqualTo(response.getHeaders().getFirst("X-Request-Id"));
    }

    @Test
    void malformedJsonIsAMalformedRequestProblem() {
        ResponseEntity<String> response = post("/conformance-probe", "{\"name\": ");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("code").asString()).isEqualTo("malformed_request");
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void invalidFieldsAreAValidationProblemNamingEachField() {
        ResponseEntity<String> response = post("/conformance-probe", "{\"name\": \" \", \"count\": 42}");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("code").asString()).isEqualTo("validation_failed");
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactly("count", "name");
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void validRequestPassesThroughUntouched() {
        ResponseEntity<String> response = post("/conformance-probe", "{\"name\": \"ada\", \"count\": 3}");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody()).get("name").asString()).isEqualTo("ada");
    }

    @Test
    void unexpectedFailureIsAnInternalErrorThatRevealsNothing(CapturedOutput output) {
        ResponseEntity<String> response = get("/conformance-probe/failure", authenticated(new HttpHeaders()));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("code").asString()).isEqualTo("internal_error");
        assertThat(response.getBody()).doesNotContain(ConformanceProbeController.SECRET_DETAIL,
                "IllegalStateException", "at io.llmplatform");
        String traceId = problem.get("traceId").asString();
        assertThat(output.getOut().lines().filter(line -> line.contains(traceId)).findFirst())
                .as("a structured log line of the failure, carrying its trace")
                .hasValueSatisfying(line -> {
                    JsonNode logged = JSON.readTree(line);
                    assertThat(logged.get("traceId").asString()).isEqualTo(traceId);
                    assertThat(logged.get("spanId").asString()).matches("[0-9a-f]{16}");
                    assertThat(logged.get("requestId").asString()).isEqualTo(problem.get("requestId").asString());
                    assertThat(logged.toString()).contains(ConformanceProbeController.SECRET_DETAIL);
                });
    }

    @Test
    void openAiCompatiblePathsAnswerErrorsInOpenAisShape() {
        ResponseEntity<String> response = post("/v1/conformance-probe", "{\"name\": \"\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode error = JSON.readTree(response.getBody()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("validation_failed");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asString()).isEqualTo("name");
        assertThat(error.get("message").asString()).contains("name");
    }

    @Test
    void aNulCharacterInAnyJsonStringIsAValidationProblemNamingItsPath() {
        ResponseEntity<String> response = post("/conformance-probe",
                "{\"name\": \"ada\", \"tags\": [\"ok\", \"a\\u0000b\"]}");

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("code").asString()).isEqualTo("validation_failed");
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactly("tags[1]");
    }

    @Test
    void requestsTheFirewallRefusesAreAProblemWithAStableCode() {
        RawHttp raw = new RawHttp("localhost", port);
        List<String> hostile = List.of("/conformance-probe/../conformance-probe", "/conformance-probe/%2e%2e/x",
                "/conformance-probe%2Ffailure", "/conformance-probe;jsessionid=1", "/conformance-probe%5Cfailure",
                "/conformance-probe\\failure", "/conformance-probe%00", "/conformance-probe//failure");
        for (String target : hostile) {
            RawHttp.Response response = raw.get(target);

            assertThat(response.status()).as(target + " -> " + response).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(target).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("code").asString()).as(target)
                    .isEqualTo("request_rejected");
        }
        RawHttp.Response openAi = raw.get("/v1/conformance-probe%2Ffailure");
        assertThat(openAi.header("Content-Type")).as(openAi.toString()).startsWith("application/json");
        assertThat(JSON.readTree(openAi.body()).at("/error/code").asString()).isEqualTo("request_rejected");
    }

    @Test
    void anOverlongUriIsA414ProblemAndOverlargeHeadersA431ProblemInThePathsShape() {
        RawHttp raw = new RawHttp("localhost", port);

        RawHttp.Response longUri = raw.get("/conformance-probe?q=" + "a".repeat(20_000));
        RawHttp.Response longOpenAiUri = raw.get("/v1/conformance-probe?q=" + "a".repeat(20_000));
        RawHttp.Response bigHeaders = raw.get("/v1/conformance-probe", "X-Padding: " + "a".repeat(40_000));

        assertThat(longUri.status()).as(longUri.toString()).isEqualTo(414);
        assertThat(longUri.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(longUri.body()).get("code").asString()).isEqualTo("uri_too_long");
        assertThat(longOpenAiUri.status()).isEqualTo(414);
        assertThat(JSON.readTree(longOpenAiUri.body()).at("/error/code").asString()).isEqualTo("uri_too_long");
        assertThat(bigHeaders.status()).as(bigHeaders.toString()).isEqualTo(431);
        assertThat(JSON.readTree(bigHeaders.body()).at("/error/code").asString()).isEqualTo("header_too_large");
    }

    /** Past the web server's own ceiling the path may be unknown (a request line cut short): a problem body. */
    @Test
    void requestsOverTheWebServersOwnCeilingStillGetTheProblemBody() {
        RawHttp raw = new RawHttp("localhost", port);

        RawHttp.Response longUri = raw.get("/conformance-probe?q=" + "a".repeat(100_000));
        RawHttp.Response bigHeaders = raw.get("/conformance-probe", "X-Padding: " + "a".repeat(100_000));

        assertThat(longUri.status()).as(longUri.toString()).isEqualTo(414);
        assertThat(JSON.readTree(longUri.body()).get("code").asString()).isEqualTo("uri_too_long");
        assertThat(bigHeaders.status()).as(bigHeaders.toString()).isEqualTo(431);
        assertThat(JSON.readTree(bigHeaders.body()).get("code").asString()).isEqualTo("header_too_large");
    }

    @Test
    void everyResponseCarriesOneRequestId() {
        RawHttp raw = new RawHttp("localhost", port);

        assertThat(raw.get("/actuator/health/liveness", "X-Request-Id: once-only").headers("X-Request-Id"))
                .containsExactly("once-only");
        assertThat(raw.get("/no-such-path").headers("X-Request-Id")).hasSize(1);
    }

    @Test
    void requestIdIsEchoedWhenSafeAndGeneratedOtherwise() {
        String echoed = requestIdFor("client-req-42");
        String generated = requestIdFor(null);
        String replaced = requestIdFor("forged\tvalue with spaces");

        assertThat(echoed).isEqualTo("client-req-42");
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(replaced).matches("[0-9a-f-]{36}");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        JsonNode openApi = getJson("/v3/api-docs");
        ResponseEntity<String> swaggerUi = get("/swagger-ui.html", new HttpHeaders());

        assertThat(openApi.get("openapi").asString()).startsWith("3.");
        assertThat(openApi.at("/info/title").asString()).isEqualTo(applicationName());
        assertThat(swaggerUi.getStatusCode().value()).isEqualTo(200);
        assertThat(swaggerUi.getBody()).contains("Swagger UI");
    }

    /** Readiness may lag start-up while dependencies are reached, as a Kubernetes probe would see it. */
    private JsonNode readinessOnceUp(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            ResponseEntity<String> response = get("/actuator/health/readiness", new HttpHeaders());
            if (response.getStatusCode().value() == 200 || System.nanoTime() > deadline) {
                assertThat(response.getStatusCode().value()).as("readiness %s", response.getBody()).isEqualTo(200);
                return JSON.readTree(response.getBody());
            }
            Thread.sleep(200);
        }
    }

    protected String applicationName() {
        return environment.getRequiredProperty("spring.application.name");
    }

    protected RestClient client() {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory(http))
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private String requestIdFor(String sent) {
        HttpHeaders headers = new HttpHeaders();
        if (sent != null) {
            headers.set("X-Request-Id", sent);
        }
        return get("/actuator/health/liveness", headers).getHeaders().getFirst("X-Request-Id");
    }

    private JsonNode getJson(String path) {
        ResponseEntity<String> response = get(path, new HttpHeaders());
        assertThat(response.getStatusCode().value()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private ResponseEntity<String> get(String path, HttpHeaders headers) {
        return client().get().uri(path).headers(h -> h.addAll(headers)).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> post(String path, String json) {
        return client().post().uri(path).headers(h -> h.addAll(authenticated(new HttpHeaders())))
                .contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(String.class);
    }

    private HttpHeaders authenticated(HttpHeaders headers) {
        String token = accessToken();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return headers;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        if (Arrays.equals(bytes, new byte[length])) {
            bytes[0] = 1;
        }
        return bytes;
    }
}
