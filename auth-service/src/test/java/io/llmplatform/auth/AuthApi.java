package io.llmplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** auth-service's HTTP API as a test drives it: every call returns the status and the JSON body, never throws. */
public final class AuthApi {

    public static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    /** Logins come from a client IP of their own per test, so one test's failures never lock another's IP. */
    private final String clientIp = randomClientIp();

    public AuthApi(int port) {
        this.http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    public record Response(int status, JsonNode body, HttpHeaders headers) {

        public String text(String pointer) {
            return body.at(pointer).asString();
        }

        public Response expect(int expected) {
            assertThat(status).as("status of %s", body).isEqualTo(expected);
            return this;
        }
    }

    /** A user who registered and logged in. */
    public record Session(UUID userId, String username, String email, String accessToken, String refreshToken) {
    }

    public Session newUser() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = name + "@example.com";
        Response registered = register(email, name, PASSWORD).expect(201);
        Response login = login(name, PASSWORD).expect(200);
        return new Session(UUID.fromString(registered.text("/id")), name, email, login.text("/accessToken"),
                login.text("/refreshToken"));
    }

    public Response register(String email, String username, String password) {
        return post("/api/v1/auth/register", Map.of("email", email, "username", username, "password", password));
    }

    public Response login(String login, String password) {
        return login(login, password, headers -> { });
    }

    public Response login(String login, String password, Consumer<HttpHeaders> headers) {
        Consumer<HttpHeaders> fromClientIp = defaults -> defaults.set("X-Forwarded-For", clientIp);
        return call(HttpMethod.POST, "/api/v1/auth/login", Map.of("login", login, "password", password),
                fromClientIp.andThen(headers));
    }

    public static String randomClientIp() {
        var random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    public Response refresh(String refreshToken) {
        return post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    public Response logout(String refreshToken) {
        return post("/api/v1/auth/logout", Map.of("refreshToken", refreshToken));
    }

    public Response get(String path, String accessToken) {
        return call(HttpMethod.GET, path, null, headers -> bearer(headers, accessToken));
    }

    public Response post(String path, Object body) {
        return call(HttpMethod.POST, path, body, headers -> { });
    }

    public Response post(String path, Object body, String accessToken) {
        return call(HttpMethod.POST, path, body, headers -> bearer(headers, accessToken));
    }

    public Response patch(String path, Object body, String accessToken) {
        return call(HttpMethod.PATCH, path, body, headers -> bearer(headers, accessToken));
    }

    public Response delete(String path, String accessToken) {
        return call(HttpMethod.DELETE, path, null, headers -> bearer(headers, accessToken));
    }

    public Response form(String path, String form, Consumer<HttpHeaders> headers) {
        ResponseEntity<String> response = http.post().uri(path).headers(headers)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class);
        return response(response);
    }

    public Response call(HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers) {
        var request = http.method(method).uri(path).headers(headers);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body instanceof String text ? text
                    : JSON.writeValueAsString(body));
        }
        return response(request.retrieve().toEntity(String.class));
    }

    private static Response response(ResponseEntity<String> response) {
        String body = response.getBody();
        return new Response(response.getStatusCode().value(),
                body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body), response.getHeaders());
    }

    private static void bearer(HttpHeaders headers, String token) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }
}
