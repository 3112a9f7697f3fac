package io.llmplatform.support.security;

import io.llmplatform.support.servlet.ServletErrorResponses;
import io.llmplatform.support.servlet.ServletSupportAutoConfiguration;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every servlet service is an OAuth 2.0 resource server: stateless, every path but health, metrics, API docs and
 * the service's declared public paths needs a valid access token, and finer rules are {@code @PreAuthorize} on the
 * controllers. A service that signs tokens itself (auth-service) provides its own {@link JwtDecoder}.
 */
@AutoConfiguration(after = ServletSupportAutoConfiguration.class,
        beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class, BearerTokenAuthenticationEntryPoint.class})
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class ServletSecurityAutoConfiguration {

    /** Distinct valid access tokens remembered: about one per active user or API key. */
    private static final long REMEMBERED_TOKENS = 20_000;
    private static final String[] ALWAYS_PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
        return new RememberingJwtDecoder(AccessTokenValidation.jwksDecoder(properties), REMEMBERED_TOKENS, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
            JwtDecoder decoder, ServletErrorResponses responses) throws Exception {
        var entryPoint = new ProblemAuthenticationEntryPoint(responses);
        var accessDenied = new ProblemAccessDeniedHandler(responses);
        List<String> publicPaths = properties.publicPaths();
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(ALWAYS_PUBLIC).permitAll()
                        .requestMatchers(publicPaths.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(request -> BearerTokens.tokenOf(request.getHeader("Authorization")))
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(AccessTokenValidation.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(
                                        new TokenValidationUnavailableHandler(entryPoint, responses));
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .build();
    }

    /** Spring Security's strict firewall, with header checks that do not need regular expressions. */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters.ALLOWED_NAMES);
        firewall.setAllowedHeaderValues(HeaderCharacters.ALLOWED_VALUES);
        return firewall;
    }

    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler requestRejectedHandler(ServletErrorResponses responses) {
        return new ProblemRequestRejectedHandler(responses);
    }

    @Bean
    SecurityExceptionAdvice securityExceptionAdvice(ServletErrorResponses responses) {
        return new SecurityExceptionAdvice(responses);
    }

    @Bean
    WebMvcConfigurer callerArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
