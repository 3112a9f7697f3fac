package io.llmplatform.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import io.llmplatform.gateway.apikey.ApiKeyExchange;
import io.llmplatform.gateway.authservice.AuthServiceWebClient;
import io.llmplatform.support.security.AccessTokenValidation;
import io.llmplatform.support.security.HeaderCharacters;
import io.llmplatform.support.security.SecurityProperties;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Security at the edge: CORS preflights answered first, then every request but the public ones needs a valid access
 * token or API key. Public paths are not authenticated at all, so a stale token sent to login or refresh does not get
 * in the way; the service behind them decides.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, TokenValidationProperties.class, CorsProperties.class})
class EdgeSecurityConfiguration {

    private static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/webjars/swagger-ui/**");

    @Bean
    JwksKeySource jwksKeySource(SecurityProperties security, TokenValidationProperties tokens, Clock clock,
            ObjectProvider<ObservationRegistry> observations, ReactorResourceFactory resources) {
        WebClient http = AuthServiceWebClient.create(tokens.jwksTimeout(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), resources);
        return new JwksKeySource(http, security.jwksUri(), tokens, clock);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> jwksWarmUp(JwksKeySource keys) {
        return ready -> keys.warmUp();
    }

    @Bean
    ValidatedAccessTokens validatedAccessTokens(JwksKeySource keys, SecurityProperties security,
            TokenValidationProperties tokens, Clock clock) {
        // The JWK-source builder takes one algorithm; the platform signs with ES256 or RS256 (never none or HMAC).
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                        Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), new JWKSecurityContextJWKSet())))
                .build();
        decoder.setJwtValidator(AccessTokenValidation.validator(security.expectedIssuer(), security.audience()));
        return new ValidatedAccessTokens(decoder, tokens.maxCachedTokens(), clock);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(properties.exposedHeaders());
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** Spring Security's strict firewall, with header checks that do not need regular expressions. */
    @Bean
    ServerWebExchangeFirewall exchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters.ALLOWED_NAMES);
        firewall.setAllowedHeaderValues(HeaderCharacters.ALLOWED_VALUES);
        return firewall;
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, SecurityProperties security,
            ValidatedAccessTokens accessTokens, ApiKeyExchange apiKeys, CorsConfigurationSource cors) {
        List<String> publicPaths = new ArrayList<>(ALWAYS_PUBLIC);
        publicPaths.addAll(security.publicPaths());
        PublicPaths isPublic = new PublicPaths(publicPaths);
        EdgeAuthenticationEntryPoint entryPoint = new EdgeAuthenticationEntryPoint();
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(spec -> spec.configurationSource(cors))
                .addFilterAt(authentication(new AccessTokenAuthenticationManager(accessTokens, apiKeys), isPublic,
                        entryPoint), SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(isPublic).permitAll()
                        .anyExchange().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .build();
    }

    private static AuthenticationWebFilter authentication(AccessTokenAuthenticationManager manager,
            ServerWebExchangeMatcher isPublic, EdgeAuthenticationEntryPoint entryPoint) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(new BearerTokenConverter());
        filter.setRequiresAuthenticationMatcher(new NegatedServerWebExchangeMatcher(isPublic));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        filter.setAuthenticationFailureHandler(entryPoint);
        filter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
            webFilterExchange.getExchange().getAttributes()
                    .put(EdgeCaller.ATTRIBUTE, ((EdgeAuthentication) authentication).caller());
            return webFilterExchange.getChain().filter(webFilterExchange.getExchange());
        });
        return filter;
    }
}
