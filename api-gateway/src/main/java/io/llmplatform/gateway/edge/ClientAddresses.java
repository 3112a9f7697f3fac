package io.llmplatform.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request really came from: the socket peer, unless the peer is a trusted proxy, in which case the
 * nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy. A client can therefore not choose
 * its own address by sending the header. Resolved once per request.
 */
public final class ClientAddresses {

    private static final String ATTRIBUTE = ClientAddresses.class.getName() + ".address";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> trustedProxies;

    public ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(range -> !range.isBlank()).map(AddressRange::parse).toList();
    }

    public String of(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String address = resolve(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, address);
        return address;
    }

    /** Whether the request came through a trusted proxy, whose forwarded headers may be believed. */
    public boolean viaTrustedProxy(ServerWebExchange exchange) {
        return !trustedProxies.isEmpty() && isTrusted(peer(exchange.getRequest()));
    }

    private String resolve(ServerHttpRequest request) {
        String peer = peer(request);
        if (trustedProxies.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String nearest = peer;
        List<String> forwarded = request.getHeaders().getValuesAsList(FORWARDED_FOR);
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).trim();
            if (!isIpLiteral(hop)) {
                return nearest;
            }
            nearest = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return nearest;
    }

    private boolean isTrusted(String address) {
        for (AddressRange proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Only literals count: resolving a host name a client wrote would block, and mean nothing. */
    private static boolean isIpLiteral(String value) {
        try {
            InetAddress.ofLiteral(value);
            return true;
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }

    private static String peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
