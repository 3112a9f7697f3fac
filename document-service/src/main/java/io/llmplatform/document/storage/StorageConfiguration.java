package io.llmplatform.document.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OriginalFileStore originalFileStore(StorageProperties properties) {
        return new FilesystemFileStore(properties.directory());
    }
}
