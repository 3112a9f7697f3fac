package io.llmplatform.document.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.document.DocumentsClient;
import io.llmplatform.document.SampleFiles;
import io.llmplatform.document.ServiceReplicas;
import io.llmplatform.document.TestChunkIndex;
import io.llmplatform.testkit.TestEngines;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** With {@code DOCUMENT_STORAGE_TYPE=s3}, originals live in the bucket from upload to delete. */
class S3StorageTest {

    private final ServiceReplicas replicas = new ServiceReplicas();

    @AfterEach
    void stop() {
        replicas.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aDocumentIsIngestedFromTheBucketAndItsObjectDeletedWithIt() {
        String bucket = "documents-" + UUID.randomUUID();
        S3Client s3 = S3FileStore.client(new StorageProperties.S3(bucket, "", URI.create(TestEngines.s3().endpoint()),
                "us-east-1", true, Duration.ofSeconds(2), Duration.ofSeconds(5)), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(TestEngines.s3().accessKeyId(), TestEngines.s3().secretAccessKey())));
        s3.createBucket(request -> request.bucket(bucket));
        // The SDK's default chain reads these, as it reads AWS_ACCESS_KEY_ID in production.
        System.setProperty("aws.accessKeyId", TestEngines.s3().accessKeyId());
        System.setProperty("aws.secretAccessKey", TestEngines.s3().secretAccessKey());
        TestChunkIndex index = new TestChunkIndex();
        ConfigurableApplicationContext replica = replicas.start(index, "--platform.documents.storage.type=s3",
                "--platform.documents.storage.s3.bucket=" + bucket,
                "--platform.documents.storage.s3.endpoint=" + TestEngines.s3().endpoint());
        DocumentsClient api = ServiceReplicas.api(replica);
        String token = TestEngines.tokenIssuer().tokenFor(UUID.randomUUID(), "USER");

        UUID id = api.uploaded(token, "cloud.txt", SampleFiles.text("kept in a bucket"), null);
        String status = api.awaitFinal(id, token).get("status").asString();
        var keysWhileStored = s3.listObjectsV2(request -> request.bucket(bucket)).contents();
        var chunksWhileStored = index.chunksOf(id);
        int deleted = api.call("DELETE", "/api/v1/documents/" + id, token, null).statusCode();

        assertThat(status).isEqualTo("STORED");
        assertThat(chunksWhileStored).extracting(chunk -> chunk.text()).containsExactly("kept in a bucket");
        assertThat(keysWhileStored).extracting(object -> object.key()).containsExactly("documents/" + id);
        assertThat(deleted).isEqualTo(204);
        assertThat(s3.listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
    }
}
