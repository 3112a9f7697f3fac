package io.llmplatform.gateway.authservice;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's own calls to auth-service (JWKS, client credentials, key exchange): bounded, traced, measured, and on
 * the application's Reactor Netty resources (as Boot's own WebClient), so that answers arrive on the server's event
 * loops.
 */
public final class AuthServiceWebClient {

    /**
     * Not {@code http.client.requests}: the gateway's per-route client observations use that name with other tags,
     * and Prometheus drops whichever meters register second.
     */
    static final String METRIC_NAME = "platform.gateway.auth_service.requests";

    /** A client whose connection and response each take at most {@code timeout}. */
    public static WebClient create(Duration timeout, ObservationRegistry observations,
            ReactorResourceFactory resources) {
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(resources, client -> client
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(timeout.toMillis()))
                        .responseTimeout(timeout)))
                .observationRegistry(observations)
                .observationConvention(new DefaultClientRequestObservationConvention(METRIC_NAME))
                .build();
    }

    private AuthServiceWebClient() {
    }
}
