package io.llmplatform.gateway.edge;

import io.llmplatform.support.error.TraceIds;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeHeadersProperties.class)
class EdgeHeadersConfiguration {

    @Bean
    ClientAddresses clientAddresses(EdgeHeadersProperties properties) {
        return new ClientAddresses(properties.trustedProxies());
    }

    @Bean
    ServiceResponseHeaders serviceResponseHeaders() {
        return new ServiceResponseHeaders();
    }

    @Bean
    ForwardedHeadersPolicy forwardedHeadersPolicy(EdgeHeadersProperties properties, ClientAddresses addresses,
            TraceIds traceIds, ObjectProvider<Propagator> propagator) {
        return new ForwardedHeadersPolicy(properties, addresses,
                new TraceContextHeaders(traceIds, propagator.getIfAvailable(() -> Propagator.NOOP)));
    }
}
