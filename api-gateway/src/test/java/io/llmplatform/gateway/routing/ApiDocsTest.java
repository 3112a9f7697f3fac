package io.llmplatform.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One Swagger UI at the gateway for every service's OpenAPI document. */
class ApiDocsTest extends GatewayTestSupport {

    @Test
    void theSwaggerUiListsEveryServicesDocument() {
        JsonNode config = json(get("/v3/api-docs/swagger-config"));

        assertThat(config.get("urls").valueStream().map(url -> url.get("name").asString() + " " + url.get("url").asString()))
                .containsExactlyInAnyOrder(
                        "auth-service /v3/api-docs/auth-service",
                        "chat-service /v3/api-docs/chat-service",
                        "embedding-service /v3/api-docs/embedding-service",
                        "document-service /v3/api-docs/document-service",
                        "model-manager-service /v3/api-docs/model-manager-service",
                        "api-gateway /v3/api-docs");
    }

    @Test
    void aServicesDocumentIsServedWithoutATokenAndPointsBackAtTheGateway() {
        DOCUMENT.answer((exchange, request) -> FakeService.respond(exchange, 200, "application/json",
                "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"document-service\",\"version\":\"1\"},"
                        + "\"servers\":[{\"url\":\"http://10.1.2.3:8084\"}],\"paths\":{\"/api/v1/documents\":{}}}"));

        HttpResponse<String> response = get("/v3/api-docs/document-service");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json(response);
        assertThat(document.at("/info/title").asString()).isEqualTo("document-service");
        assertThat(document.at("/paths").has("/api/v1/documents")).isTrue();
        assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(document.get("servers").size()).isEqualTo(1);
        assertThat(DOCUMENT.lastRequest().pathAndQuery()).isEqualTo("/v3/api-docs");
    }
}
