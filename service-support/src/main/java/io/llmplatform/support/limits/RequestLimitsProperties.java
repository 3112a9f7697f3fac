package io.llmplatform.support.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How long a request's URI and how large its headers may be before the service refuses it with 414
 * {@code uri_too_long} or 431 {@code header_too_large}, in the error shape of its path. They sit below the web
 * server's own, larger ceilings ({@code server.max-http-request-header-size}, and for Reactor Netty
 * {@code server.netty.max-initial-line-length}), which only requests far over them reach.
 *
 * @param maxUriLength the longest request target: path and query, as sent
 * @param maxHeaderSize the most bytes of header names and values; a service's is larger than the gateway's, which
 *     adds headers of its own (forwarding, trace context, the access token of an API key) to what it forwards
 */
@ConfigurationProperties("platform.limits")
public record RequestLimitsProperties(
        @DefaultValue("8KB") DataSize maxUriLength,
        @DefaultValue("32KB") DataSize maxHeaderSize) {
}
