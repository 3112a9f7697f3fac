package io.llmplatform.support.error;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The stack-neutral half of error handling: mapping exceptions to codes, and writing them in the right shape. */
@AutoConfiguration
@EnableConfigurationProperties(ErrorFormatProperties.class)
public class ErrorSupportAutoConfiguration {

    @Bean
    ApiErrorMapper apiErrorMapper() {
        return new ApiErrorMapper();
    }

    @Bean
    ErrorBodyFactory errorBodyFactory(ErrorFormatProperties properties) {
        return new ErrorBodyFactory(properties);
    }

    @Bean
    TraceIds traceIds(ObjectProvider<Tracer> tracer) {
        return new TraceIds(tracer);
    }
}
