package io.llmplatform.gateway.edge;

import io.llmplatform.support.RequestIds;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the service's {@code X-Request-Id} from its response: it echoes the id the gateway forwarded, which the
 * gateway has already set on its own response, and Spring Cloud Gateway adds a service's headers to the response
 * rather than replacing them, so clients saw the id twice.
 */
final class ServiceResponseHeaders implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!input.containsHeader(RequestIds.HEADER)) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.putAll(input);
        filtered.remove(RequestIds.HEADER);
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
