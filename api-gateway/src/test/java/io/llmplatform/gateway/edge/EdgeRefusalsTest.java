package io.llmplatform.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.gateway.support.GatewayTestSupport;
import io.llmplatform.testkit.http.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the front door refuses on the services' own paths never reaches a service, and comes back in the error shape
 * of the path; what it lets through comes back with one request id.
 */
class EdgeRefusalsTest extends GatewayTestSupport {

    @Test
    void firewallRefusalsOnServicePathsAreAnsweredAtTheEdge() {
        RawHttp raw = raw();
        String token = "Authorization: " + bearer(userToken());
        List<String> hostile = List.of("/api/v1/conversations/..%2Fadmin", "/api/v1/conversations/../admin/users",
                "/api/v1/conversations;x=1", "/api/v1/conversations%5C1", "/api/v1/conversations\\1",
                "/api/v1/conversations/%00", "/api/v1/conversations/%zz");

        for (String target : hostile) {
            RawHttp.Response response = raw.get(target, token);

            assertThat(response.status()).as(target + " " + response).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(target).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("request_rejected");
        }
        RawHttp.Response openAi = raw.send("POST", "/v1/chat/completions%2F..", "application/json",
                "{}".getBytes(), token);
        assertThat(JSON.readTree(openAi.body()).at("/error/code").asString()).as(openAi.toString())
                .isEqualTo("request_rejected");
        assertThat(SERVICES.stream().flatMap(service -> service.requests().stream())).isEmpty();
    }

    @Test
    void anOverlongUriOrOversizedHeadersToAServiceAreRefusedInItsShape() {
        RawHttp raw = raw();
        String token = "Authorization: " + bearer(userToken());

        RawHttp.Response longUri = raw.get("/v1/models?q=" + "x".repeat(9_000), token);
        RawHttp.Response bigHeaders = raw.get("/api/v1/conversations", token, "X-Padding: " + "x".repeat(17_000));
        RawHttp.Response pastTheCeiling = raw.get("/api/v1/conversations?q=" + "x".repeat(70_000), token);

        assertThat(longUri.status()).isEqualTo(414);
        assertThat(JSON.readTree(longUri.body()).at("/error/code").asString()).isEqualTo("uri_too_long");
        assertThat(bigHeaders.status()).isEqualTo(431);
        assertThat(JSON.readTree(bigHeaders.body()).get("code").asString()).isEqualTo("header_too_large");
        assertThat(pastTheCeiling.status()).isEqualTo(414);
        assertThat(JSON.readTree(pastTheCeiling.body()).get("code").asString()).isEqualTo("uri_too_long");
        assertThat(SERVICES.stream().flatMap(service -> service.requests().stream())).isEmpty();
    }

    @Test
    void aProxiedResponseCarriesTheRequestIdOnceThoughTheServiceEchoesItToo() {
        CHAT.answer((exchange, request) -> {
            exchange.getResponseHeaders().set("X-Request-Id", request.header("X-Request-Id"));
            FakeService.respond(exchange, 200, "application/json", "[]");
        });

        RawHttp.Response response = raw().get("/api/v1/conversations", "Authorization: " + bearer(userToken()),
                "X-Request-Id: client-chosen-7");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers("X-Request-Id")).containsExactly("client-chosen-7");
        assertThat(CHAT.lastRequest().header("X-Request-Id")).isEqualTo("client-chosen-7");
    }

    @Test
    void aServicesOwnRefusalReachesTheClientAsItWasWritten() {
        CHAT.answer((exchange, request) -> FakeService.respond(exchange, 400, "application/problem+json",
                "{\"code\":\"validation_failed\",\"errors\":[{\"field\":\"page\",\"message\":\"must be an integer "
                        + "from 0 to 1000000\"}]}"));

        RawHttp.Response response = raw().get("/api/v1/conversations?page=99999999999",
                "Authorization: " + bearer(userToken()));

        JsonNode problem = JSON.readTree(response.body());
        assertThat(response.status()).isEqualTo(400);
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("page");
    }

    private RawHttp raw() {
        return new RawHttp("localhost", port);
    }
}
