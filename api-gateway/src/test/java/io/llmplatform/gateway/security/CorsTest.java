package io.llmplatform.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Browser apps' origins come from CORS_ALLOWED_ORIGINS; preflights are answered at the edge. */
class CorsTest extends GatewayTestSupport {

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAtTheEdge() {
        HttpResponse<String> response = preflight("/v1/chat/completions", ALLOWED_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("authorization", "content-type"));
        assertThat(CHAT.requests()).isEmpty();
    }

    @Test
    void everyOriginInTheCommaSeparatedListIsAllowed() {
        HttpResponse<String> response = preflight("/api/v1/documents", "https://docs.example.test");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://docs.example.test");
    }

    @Test
    void aPreflightFromAnyOtherOriginIsRefusedWithoutCorsHeaders() {
        HttpResponse<String> response = preflight("/v1/chat/completions", "https://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().map().keySet())
                .noneMatch(header -> header.toLowerCase().startsWith("access-control-"));
        assertThat(CHAT.requests()).isEmpty();
    }

    @Test
    void aRequestFromAnyOtherOriginIsRefusedBeforeReachingTheService() {
        HttpResponse<String> response = get("/api/v1/conversations", "Origin", "https://evil.example",
                "Authorization", bearer(userToken()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(CHAT.requests()).isEmpty();
    }

    @Test
    void anAllowedOriginCanReadResponsesIncludingRefusals() {
        HttpResponse<String> refused = get("/api/v1/conversations", "Origin", ALLOWED_ORIGIN);
        HttpResponse<String> served = get("/api/v1/conversations", "Origin", ALLOWED_ORIGIN,
                "Authorization", bearer(userToken()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(served.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("X-Request-Id", "X-RateLimit-Remaining", "Retry-After"));
    }

    private HttpResponse<String> preflight(String path, String origin) {
        return send(request(path, "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
