package io.llmplatform.support.reactive;

import io.llmplatform.support.PlatformException;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ErrorBodyFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/** The platform's error body for what a reactive service refuses before any route: its firewall's and Netty's. */
final class ReactiveEdgeConfiguration {

    private ReactiveEdgeConfiguration() {
    }

    /** Spring Security's exchange firewall answers with an empty 400; this renders it like any other error. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ServerExchangeRejectedHandler.class)
    static class FirewallRefusals {

        @Bean
        @ConditionalOnMissingBean
        ServerExchangeRejectedHandler exchangeRejectedHandler(ReactiveErrorHandler errors) {
            ApiError rejected = ApiError.requestRejected();
            return (exchange, refusal) -> errors.handle(exchange,
                    new PlatformException(rejected.code(), rejected.message()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({NettyServerCustomizer.class, NettyPipeline.class})
    static class NettyDecodingFailures {

        @Bean
        NettyServerCustomizer decodingFailureResponses(ErrorBodyFactory bodies, JsonMapper json) {
            UnreadableRequestResponder responder = new UnreadableRequestResponder(bodies, json);
            return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
                if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                        && channel.pipeline().get(UnreadableRequestResponder.NAME) == null) {
                    channel.pipeline().addAfter(NettyPipeline.HttpCodec, UnreadableRequestResponder.NAME, responder);
                }
            });
        }
    }
}
