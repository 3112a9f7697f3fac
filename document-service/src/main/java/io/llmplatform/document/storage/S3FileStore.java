package io.llmplatform.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Original files as objects {@code <prefix><document id>} in one bucket of an S3-compatible store. A PUT is
 * atomic, so an object is whole or absent. Every call has a connect, socket and whole-call timeout; the SDK retries
 * only what it deems safe (all three calls here are idempotent). Failures of the store are {@link IOException}s,
 * as the filesystem's are.
 */
final class S3FileStore implements OriginalFileStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3FileStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    /** A client for {@code properties}; checksums only where the API requires them, as not every store has more. */
    static S3Client client(StorageProperties.S3 properties, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(properties.connectTimeout())
                        .socketTimeout(properties.timeout()).build())
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(properties.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(config -> config.apiCallTimeout(properties.timeout().multipliedBy(2)));
        if (properties.endpoint() != null && !properties.endpoint().toString().isEmpty()) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Override
    public void put(UUID documentId, InputStream content, long size) throws IOException {
        try {
            s3.putObject(request -> request.bucket(bucket).key(keyOf(documentId)).contentLength(size),
                    RequestBody.fromInputStream(content, size));
        } catch (SdkException e) {
            throw new IOException("The object store refused the file: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(UUID documentId) throws IOException {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(keyOf(documentId)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(keyOf(documentId));
        } catch (SdkException e) {
            throw new IOException("The object store could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(UUID documentId) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(keyOf(documentId)));
        } catch (SdkException e) {
            throw new IOException("The object store could not delete the file: " + e.getMessage(), e);
        }
    }

    /** From the UUID's canonical form only: no user input reaches a key. */
    private String keyOf(UUID documentId) {
        return prefix + documentId;
    }
}
