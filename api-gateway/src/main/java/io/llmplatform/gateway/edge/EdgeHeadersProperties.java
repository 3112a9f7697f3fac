package io.llmplatform.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway forwards about a request's origin, and which incoming headers it never forwards.
 *
 * Services read identity only from the validated JWT, never from a header; these are dropped anyway, so that no
 * header a client invents can ever be mistaken for one the platform set.
 *
 * @param stripNames headers only the platform may set, dropped from every request (case-insensitive)
 * @param stripPrefixes header name prefixes only the platform may use, dropped from every request
 * @param trustedProxies addresses or CIDR ranges of proxies in front of the gateway (an ingress, a load balancer)
 *     whose {@code X-Forwarded-*} headers are believed; empty when clients connect to the gateway directly
 */
@ConfigurationProperties("platform.gateway.headers")
public record EdgeHeadersProperties(
        @DefaultValue({"Forwarded", "X-Real-IP", "X-Client-IP", "X-Api-Key-Id", "X-Roles"}) List<String> stripNames,
        @DefaultValue({"X-Forwarded-", "X-Original-", "X-Platform-", "X-Internal-", "X-User-", "X-Auth-"})
        List<String> stripPrefixes,
        @DefaultValue({}) List<String> trustedProxies) {
}
