package io.llmplatform.support.servlet;

import io.llmplatform.support.error.ApiErrorMapper;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.ErrorSupportAutoConfiguration;
import io.llmplatform.support.error.TraceIds;
import io.llmplatform.support.limits.RequestLimits;
import io.llmplatform.support.limits.RequestLimitsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Request ids, the rules every request parameter follows, and the platform error body for Spring MVC services. */
@AutoConfiguration(after = ErrorSupportAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({PagingProperties.class, RequestLimitsProperties.class})
@Import(TomcatErrorReportConfiguration.class)
public class ServletSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(RequestLimitsProperties limits,
            ServletErrorResponses responses) {
        var registration = new FilterRegistrationBean<>(new RequestLimitsFilter(new RequestLimits(limits), responses));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    WebMvcConfigurer requestParameterRules(PagingProperties paging) {
        RequestParameterRules rules = new RequestParameterRules(paging);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(rules);
            }
        };
    }

    @Bean
    ServletErrorResponses servletErrorResponses(ErrorBodyFactory bodies, TraceIds traceIds, JsonMapper json) {
        return new ServletErrorResponses(bodies, traceIds, json);
    }

    @Bean
    ServletExceptionHandler servletExceptionHandler(ApiErrorMapper mapper, ServletErrorResponses responses) {
        return new ServletExceptionHandler(mapper, responses);
    }

    @Bean
    ProblemErrorController problemErrorController(ApiErrorMapper mapper, ServletErrorResponses responses) {
        return new ProblemErrorController(mapper, responses);
    }
}
