package io.llmplatform.gateway.edge;

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
    ForwardedHeadersPolicy forwardedHeadersPolicy(EdgeHeadersProperties properties, ClientAddresses addresses) {
        return new ForwardedHeadersPolicy(properties, addresses);
    }
}
