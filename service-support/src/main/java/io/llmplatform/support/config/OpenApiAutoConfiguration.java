package io.llmplatform.support.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Names each service's OpenAPI document after the service, so the gateway's aggregated Swagger UI reads well. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(Environment environment, ObjectProvider<BuildProperties> build) {
        String name = environment.getProperty("spring.application.name", "service");
        BuildProperties buildProperties = build.getIfAvailable();
        return new OpenAPI().info(new Info()
                .title(name)
                .version(buildProperties != null ? buildProperties.getVersion() : "dev")
                .description(environment.getProperty("platform.openapi.description",
                        "Part of the LLM platform; errors are RFC 9457 problems with a stable `code`.")));
    }
}
