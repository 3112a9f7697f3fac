package io.llmplatform.document.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.testkit.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** Both stores keep, return and remove a document's file the same way; the S3 one against a real S3 API (moto). */
class OriginalFileStoreTest {

    @TempDir
    Path directory;

    @Test
    void theFilesystemStoreKeepsReturnsAndRemovesFiles() throws IOException {
        assertKeepsReturnsAndRemoves(new FilesystemFileStore(directory));
    }

    @Test
    void theS3StoreKeepsReturnsAndRemovesFiles() throws IOException {
        String bucket = "documents-" + UUID.randomUUID();
        S3Client client = S3FileStore.client(s3(URI.create(TestEngines.s3().endpoint())), credentials());
        client.createBucket(request -> request.bucket(bucket));

        assertKeepsReturnsAndRemoves(new S3FileStore(client, bucket, "originals/"));
        assertThat(client.listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void anUnreachableS3StoreIsAnIOException() {
        S3Client client = S3FileStore.client(s3(URI.create("http://127.0.0.1:1")), credentials());
        OriginalFileStore store = new S3FileStore(client, "documents", "");
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(new byte[3]), 3))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(IOException.class);
    }

    private static void assertKeepsReturnsAndRemoves(OriginalFileStore store) throws IOException {
        UUID id = UUID.randomUUID();
        byte[] content = "the original bytes".getBytes();

        store.put(id, new ByteArrayInputStream(content), content.length);
        store.put(id, new ByteArrayInputStream(content), content.length);
        byte[] read;
        try (InputStream in = store.open(id)) {
            read = in.readAllBytes();
        }
        store.delete(id);
        store.delete(id);

        assertThat(read).isEqualTo(content);
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
    }

    private static StorageProperties.S3 s3(URI endpoint) {
        return new StorageProperties.S3("unused", "", endpoint, "us-east-1", true, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestEngines.s3().accessKeyId(),
                TestEngines.s3().secretAccessKey()));
    }
}
