package io.llmplatform.support.reactive;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiErrorMapper;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.ErrorSupportAutoConfiguration;
import io.llmplatform.support.error.TraceIds;
import io.llmplatform.support.limits.RequestLimits;
import io.llmplatform.support.limits.RequestLimitsProperties;
import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request ids, request limits and the platform error body for WebFlux services (the gateway), also for what the
 * firewall and Netty refuse.
 */
@AutoConfiguration(after = ErrorSupportAutoConfiguration.class,
        beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(RequestLimitsProperties.class)
@Import({ReactiveEdgeConfiguration.FirewallRefusals.class, ReactiveEdgeConfiguration.NettyDecodingFailures.class})
public class ReactiveSupportAutoConfiguration {

    static {
        // With spring.reactor.context-propagation=auto, Reactor restores this MDC entry on whatever thread runs the
        // pipeline, so a reactive service's log lines carry the request id just as a servlet service's do.
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIds.MDC_KEY,
                () -> MDC.get(RequestIds.MDC_KEY),
                requestId -> MDC.put(RequestIds.MDC_KEY, requestId),
                () -> MDC.remove(RequestIds.MDC_KEY));
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    RequestLimitsWebFilter requestLimitsWebFilter(RequestLimitsProperties limits) {
        return new RequestLimitsWebFilter(new RequestLimits(limits));
    }

    @Bean
    ReactiveErrorHandler reactiveErrorHandler(ApiErrorMapper mapper, ErrorBodyFactory bodies, TraceIds traceIds,
            JsonMapper json) {
        return new ReactiveErrorHandler(mapper, bodies, traceIds, json);
    }
}
