package io.llmplatform.gateway.edge;

import io.llmplatform.gateway.apikey.ApiKeys;
import io.llmplatform.gateway.security.EdgeCaller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides the headers a service receives: none of those only the platform may set ({@code X-Forwarded-*},
 * {@code Forwarded}, {@code X-Platform-*}, {@code X-Internal-*}...), then the gateway's own {@code X-Forwarded-For}
 * (the client address, which auth-service uses for login lockout), {@code -Proto}, {@code -Host} and {@code -Port},
 * the access token the gateway validated as {@code Authorization}, so a program's API key never leaves the edge, and
 * the trace context of the gateway's span.
 * Runs where Spring Cloud Gateway builds the outgoing request, after its own removal of forwarded headers.
 */
final class ForwardedHeadersPolicy implements HttpHeadersFilter, Ordered {

    private static final String FOR = "X-Forwarded-For";
    private static final String PROTO = "X-Forwarded-Proto";
    private static final String HOST = "X-Forwarded-Host";
    private static final String PORT = "X-Forwarded-Port";

    private final Set<String> strippedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> strippedPrefixes;
    private final ClientAddresses clientAddresses;
    private final TraceContextHeaders traceContext;

    ForwardedHeadersPolicy(EdgeHeadersProperties properties, ClientAddresses clientAddresses,
            TraceContextHeaders traceContext) {
        this.strippedNames.addAll(properties.stripNames());
        this.strippedPrefixes = List.copyOf(properties.stripPrefixes());
        this.clientAddresses = clientAddresses;
        this.traceContext = traceContext;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders forwarded = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            if (!isStripped(header.getKey())) {
                forwarded.put(header.getKey(), header.getValue());
            }
        }
        ServerHttpRequest request = exchange.getRequest();
        forwarded.set(FOR, clientAddresses.of(exchange));
        boolean trusted = clientAddresses.viaTrustedProxy(exchange);
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        forwarded.set(PROTO, fromProxyOr(trusted, request, PROTO, request.getURI().getScheme()));
        if (host != null) {
            forwarded.set(HOST, fromProxyOr(trusted, request, HOST, host));
        }
        String port = request.getURI().getPort() > 0 ? Integer.toString(request.getURI().getPort()) : null;
        String forwardedPort = fromProxyOr(trusted, request, PORT, port);
        if (forwardedPort != null) {
            forwarded.set(PORT, forwardedPort);
        }
        EdgeCaller caller = exchange.getAttribute(EdgeCaller.ATTRIBUTE);
        if (caller != null) {
            forwarded.set(HttpHeaders.AUTHORIZATION, caller.forwardedAuthorization());
        } else if (ApiKeys.isApiKeyAuthorization(forwarded.getFirst(HttpHeaders.AUTHORIZATION))) {
            // A key sent to a public path was not exchanged; it still goes no further than the edge.
            forwarded.remove(HttpHeaders.AUTHORIZATION);
        }
        traceContext.write(exchange, forwarded);
        return forwarded;
    }

    private boolean isStripped(String name) {
        if (strippedNames.contains(name)) {
            return true;
        }
        for (String prefix : strippedPrefixes) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    private static String fromProxyOr(boolean trusted, ServerHttpRequest request, String header, String own) {
        String fromProxy = trusted ? request.getHeaders().getFirst(header) : null;
        return fromProxy != null ? fromProxy.split(",", 2)[0].trim() : own;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** After Spring Cloud Gateway's removal of forwarded headers (order 0), before hop-by-hop cleanup. */
    @Override
    public int getOrder() {
        return 100;
    }
}
