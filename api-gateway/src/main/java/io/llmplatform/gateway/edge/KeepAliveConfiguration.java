package io.llmplatform.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps keep-alive connections serving under reactor-netty 1.3.6; see {@link ConnectionEventLoop}. */
@Configuration(proxyBeanMethods = false)
class KeepAliveConfiguration {

    @Bean
    FinishOnConnectionLoopFilter finishOnConnectionLoopFilter() {
        return new FinishOnConnectionLoopFilter();
    }

    @Bean
    UnreadBodyClosesConnectionFilter unreadBodyClosesConnectionFilter() {
        return new UnreadBodyClosesConnectionFilter();
    }

    @Bean
    AfterAuthenticationEventLoopFilter afterAuthenticationEventLoopFilter() {
        return new AfterAuthenticationEventLoopFilter();
    }
}
