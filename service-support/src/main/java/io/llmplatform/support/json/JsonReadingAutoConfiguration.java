package io.llmplatform.support.json;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import tools.jackson.databind.json.JsonMapper;

/**
 * The builder of the service's {@link JsonMapper}, as Spring Boot makes it (every {@link JsonMapperBuilderCustomizer}
 * applied, in order) but on a {@link NulRejectingJsonFactory}: every request body, tree and value a service reads
 * through its mapper refuses NUL with the field's path, so no route needs its own check.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class JsonReadingAutoConfiguration {

    @Bean
    @Scope("prototype")
    @ConditionalOnMissingBean
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(new NulRejectingJsonFactory());
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
