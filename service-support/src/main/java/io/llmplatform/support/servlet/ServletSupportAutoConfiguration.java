package io.llmplatform.support.servlet;

import io.llmplatform.support.error.ApiErrorMapper;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.error.ErrorSupportAutoConfiguration;
import io.llmplatform.support.error.TraceIds;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Request ids and the platform error body for Spring MVC services. */
@AutoConfiguration(after = ErrorSupportAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServletSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
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
