package io.llmplatform.support.feign;

import feign.Capability;
import feign.Feign;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every Feign client of a service gets, from beans its client contexts inherit: the callee's errors as
 * {@link io.llmplatform.support.PlatformException}s with the callee's code, retries of idempotent calls only, one
 * circuit breaker per callee, and the request id and caller's credentials on every call. Timeouts are Spring Cloud
 * OpenFeign's per-client properties (defaults in {@code service-defaults.yml}); the trace context travels by its
 * Micrometer observation. A service enables its clients with {@code @EnableFeignClients}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration"})
@ConditionalOnClass({Feign.class, CircuitBreakerRegistry.class})
@EnableConfigurationProperties(FeignProperties.class)
public class FeignSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ErrorDecoder calleeErrorDecoder(JsonMapper json) {
        return new CalleeErrorDecoder(json);
    }

    @Bean
    @ConditionalOnMissingBean
    Retryer idempotentRetryer(FeignProperties properties) {
        return new IdempotentRetryer(properties.retry().attempts(), properties.retry().backoff());
    }

    @Bean
    Capability calleeCircuitBreakers(FeignProperties properties, ObjectProvider<MeterRegistry> meters) {
        FeignProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.slidingWindowCalls())
                .minimumNumberOfCalls(Math.min(settings.minimumCalls(), settings.slidingWindowCalls()))
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        meters.ifAvailable(registered -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry)
                .bindTo(registered));
        return new CalleeCircuitBreakers(registry);
    }

    /**
     * Builds each Feign client's message converters with the client's context. Spring Cloud OpenFeign 5.0.2 builds
     * them lazily on the first call and publishes the list before filling it, so concurrent first calls (two
     * ingestion workers embedding at once) can find it empty and fail with "no suitable HttpMessageConverter"
     * (spring-cloud-openfeign #1371, fixed by #1384 in a later release). A {@code default.} specification is added
     * to every client's context.
     */
    @Bean
    FeignClientSpecification feignMessageConvertersBuiltWithTheirClient() {
        return new FeignClientSpecification("default." + MessageConvertersBuiltWithTheClient.class.getName(),
                MessageConvertersBuiltWithTheClient.class.getName(),
                new Class<?>[] {MessageConvertersBuiltWithTheClient.class});
    }

    /** In a client's own context (not annotated: registered there only, by the specification above). */
    static class MessageConvertersBuiltWithTheClient {

        @Bean
        SmartInitializingSingleton messageConvertersBuilt(ObjectProvider<FeignHttpMessageConverters> converters) {
            return () -> converters.ifAvailable(FeignHttpMessageConverters::getConverters);
        }
    }

    @Bean
    RequestInterceptor callContextInterceptor(ObjectProvider<OutboundCredentials> modes, FeignProperties properties) {
        return new CallContextInterceptor(modes.orderedStream().toList(), properties.credentials());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AbstractOAuth2TokenAuthenticationToken.class)
    static class UserTokenForwarding {

        @Bean
        OutboundCredentials forwardedUserToken() {
            return new ForwardedUserToken();
        }
    }

    /**
     * {@code service-for-user}, for a service that registers its client with Spring Security's OAuth2 client
     * ({@code spring.security.oauth2.client.registration.<id>} with the {@code client_credentials} grant) and names
     * it in {@code platform.feign.service-token.registration-id}. Its token requests time out as
     * {@code platform.feign.service-token.connect-timeout} and {@code read-timeout} say (2 s, 5 s).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OAuth2AuthorizedClientManager.class, AbstractOAuth2TokenAuthenticationToken.class})
    @ConditionalOnProperty("platform.feign.service-token.registration-id")
    static class ServiceTokenForUsers {

        @Bean
        OAuth2AuthorizedClientManager serviceTokenClientManager(ClientRegistrationRepository registrations,
                OAuth2AuthorizedClientService authorizedClients, FeignProperties properties) {
            RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
            SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
            timeouts.setConnectTimeout(properties.serviceToken().connectTimeout());
            timeouts.setReadTimeout(properties.serviceToken().readTimeout());
            // What the token client builds by default, with timeouts.
            tokens.setRestClient(RestClient.builder().requestFactory(timeouts)
                    .configureMessageConverters(converters -> converters
                            .addCustomConverter(new FormHttpMessageConverter())
                            .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                    .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                    .build());
            AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                    new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
            manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                    .clientCredentials(grant -> grant.accessTokenResponseClient(tokens)).build());
            return manager;
        }

        @Bean
        OutboundCredentials serviceForUserCredentials(OAuth2AuthorizedClientManager serviceTokenClientManager,
                FeignProperties properties) {
            return new ServiceForUserCredentials(serviceTokenClientManager,
                    properties.serviceToken().registrationId(), new ForwardedUserToken());
        }
    }
}
