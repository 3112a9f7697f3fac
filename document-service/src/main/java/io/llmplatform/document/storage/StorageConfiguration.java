package io.llmplatform.document.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OriginalFileStore originalFileStore(StorageProperties properties) {
        return switch (properties.type()) {
            case FILESYSTEM -> {
                if (properties.directory() == null) {
                    throw new IllegalStateException("platform.documents.storage.directory (DOCUMENT_STORAGE_PATH)"
                            + " must name the directory for original files");
                }
                yield new FilesystemFileStore(properties.directory());
            }
            case S3 -> {
                if (properties.s3().bucket() == null || properties.s3().bucket().isBlank()) {
                    throw new IllegalStateException("platform.documents.storage.s3.bucket (DOCUMENT_S3_BUCKET) must "
                            + "name the bucket for original files");
                }
                yield new S3FileStore(S3FileStore.client(properties.s3(), DefaultCredentialsProvider.builder()
                        .build()), properties.s3().bucket(), properties.s3().prefix());
            }
        };
    }
}
