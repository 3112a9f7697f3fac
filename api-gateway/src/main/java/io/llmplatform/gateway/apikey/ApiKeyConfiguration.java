package io.llmplatform.gateway.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import io.llmplatform.gateway.authservice.AuthServiceWebClient;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyProperties.class)
class ApiKeyConfiguration {

    @Bean
    ApiKeyExchange apiKeyExchange(ApiKeyProperties properties, Clock clock,
            ObjectProvider<ObservationRegistry> observations, ReactorResourceFactory resources) {
        if (!StringUtils.hasText(properties.clientSecret())) {
            LoggerFactory.getLogger(ApiKeyExchange.class).warn("GATEWAY_CLIENT_SECRET is not set: requests with "
                    + "API keys will fail with 503 until the gateway can authenticate to auth-service");
        }
        WebClient http = AuthServiceWebClient.create(properties.timeout(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), resources);
        ServiceTokenClient serviceTokens = new ServiceTokenClient(http, properties);
        // The cache's time is the application clock's, so tests can move past its TTL.
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        return new ApiKeyExchange(new ApiKeyExchangeClient(http, serviceTokens, properties, clock), properties,
                clock, ticker);
    }
}
