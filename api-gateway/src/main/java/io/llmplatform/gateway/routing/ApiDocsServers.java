package io.llmplatform.gateway.routing;

import org.springframework.cloud.gateway.filter.factory.rewrite.RewriteFunction;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document names the service's own address as its server; shown in the gateway's Swagger UI,
 * "Try it out" must call through the gateway instead, so the document's servers become the gateway itself.
 */
final class ApiDocsServers implements RewriteFunction<byte[], byte[]> {

    private final JsonMapper json;

    ApiDocsServers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<byte[]> apply(ServerWebExchange exchange, byte[] document) {
        if (document == null || exchange.getResponse().getStatusCode() == null
                || !exchange.getResponse().getStatusCode().is2xxSuccessful()) {
            return Mono.justOrEmpty(document);
        }
        try {
            JsonNode root = json.readTree(document);
            if (!(root instanceof ObjectNode openApi)) {
                return Mono.just(document);
            }
            openApi.putArray("servers").addObject().put("url", "/").put("description", "api-gateway");
            return Mono.just(json.writeValueAsBytes(openApi));
        } catch (JacksonException notJson) {
            return Mono.just(document);
        }
    }
}
