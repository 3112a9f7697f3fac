package io.llmplatform.gateway.accesslog;

import io.llmplatform.gateway.edge.ClientAddresses;
import io.llmplatform.support.error.TraceIds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration {

    @Bean
    AccessLogWebFilter accessLogWebFilter(TraceIds traceIds, ClientAddresses clientAddresses) {
        return new AccessLogWebFilter(traceIds, clientAddresses);
    }
}
