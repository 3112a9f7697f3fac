package io.llmplatform.document.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where original files are kept.
 *
 * @param type {@code filesystem} or {@code s3} ({@code DOCUMENT_STORAGE_TYPE})
 * @param directory the filesystem store's directory ({@code DOCUMENT_STORAGE_PATH}); every replica that
 *     serves the same database must see the same one (a shared volume)
 * @param s3 the S3-compatible store's bucket and address
 */
@ConfigurationProperties("platform.documents.storage")
@Validated
public record StorageProperties(
        @DefaultValue("filesystem") @NotNull Type type,
        Path directory,
        @Valid @DefaultValue S3 s3) {

    public enum Type { FILESYSTEM, S3 }

    /**
     * An S3-compatible bucket. Credentials come from the AWS SDK's default chain ({@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}, a profile, or the platform's role), never from this configuration.
     *
     * @param bucket the bucket, which must exist ({@code DOCUMENT_S3_BUCKET})
     * @param prefix put before every object key
     * @param endpoint the store's URL for anything but AWS itself (MinIO, Ceph...: {@code DOCUMENT_S3_ENDPOINT})
     * @param region the signing region ({@code DOCUMENT_S3_REGION})
     * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}, as most
     *     S3-compatible stores want
     */
    public record S3(
            String bucket,
            @DefaultValue("documents/") String prefix,
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("30s") Duration timeout) {
    }
}
