package io.llmplatform.document.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.document.DocumentsClient;
import io.llmplatform.document.SampleFiles;
import io.llmplatform.document.ServiceReplicas;
import io.llmplatform.document.TestChunkIndex;
import io.llmplatform.document.TestChunkIndex.Behaviour;
import io.llmplatform.testkit.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Replicas of document-service as separate application contexts on one database: they share the jobs without
 * running one twice, and a worker that dies holding a job, or a replica stopped in the middle of ingesting, must not
 * lose the document.
 */
class IngestionRecoveryTest {

    @TempDir
    Path storage;

    private final ServiceReplicas replicas = new ServiceReplicas();
    private final UUID user = UUID.randomUUID();
    private final String token = TestEngines.tokenIssuer().tokenFor(user, "USER");

    @AfterEach
    void stopReplicas() {
        replicas.close();
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenAgainWhenItsLeaseRunsOut() {
        TestChunkIndex index = new TestChunkIndex();
        ConfigurableApplicationContext apiOnly = start(index, 0);
        UUID id = new DocumentsClient(port(apiOnly)).uploaded(token, "orphan.txt", SampleFiles.text("resume me"),
                null);
        IngestionJobs jobs = apiOnly.getBean(IngestionJobs.class);
        Instant claimedAt = Instant.now();
        Optional<ClaimedJob> dead = jobs.claim(Duration.ofSeconds(4));

        ConfigurableApplicationContext worker = start(index, 1);
        JsonNode done = new DocumentsClient(port(worker)).awaitFinal(id, token);

        assertThat(dead).get().extracting(ClaimedJob::documentId).isEqualTo(id);
        assertThat(done.get("status").asString()).isEqualTo("STORED");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(index.callsFor(id)).singleElement().satisfies(call ->
                assertThat(call.at()).isAfterOrEqualTo(claimedAt.plusSeconds(4)));
        assertThat(jobs.failed(dead.orElseThrow(), "a late write")).isEqualTo(IngestionJobs.Outcome.LEASE_LOST);
        assertThat(new DocumentsClient(port(worker)).get("/api/v1/documents/" + id, token).get("status").asString())
                .isEqualTo("STORED");
    }

    @Test
    void aReplicaStoppedMidIngestionLeavesTheDocumentToTheNextOne() throws Exception {
        TestChunkIndex stopping = new TestChunkIndex();
        stopping.behave("long.md", Behaviour.HOLD);
        ConfigurableApplicationContext first = start(stopping, 1);
        String markdown = String.join("\n\n", Collections.nCopies(6, "# Part\nSome words here."));
        UUID id = new DocumentsClient(port(first)).uploaded(token, "long.md", SampleFiles.text(markdown), null);
        stopping.awaitHeld();
        JsonNode midway = new DocumentsClient(port(first)).get("/api/v1/documents/" + id + "/status", token);

        first.close();
        TestChunkIndex restarted = new TestChunkIndex();
        ConfigurableApplicationContext second = start(restarted, 1);
        JsonNode done = new DocumentsClient(port(second)).awaitFinal(id, token);

        assertThat(midway.get("status").asString()).isEqualTo("EMBEDDING");
        assertThat(midway.get("embeddedChunks").asInt()).isEqualTo(2);
        assertThat(stopping.chunksOf(id)).isEmpty();
        assertThat(done.get("status").asString()).isEqualTo("STORED");
        assertThat(done.get("attempts").asInt()).as("the interrupted attempt is not counted").isEqualTo(1);
        assertThat(restarted.chunksOf(id)).hasSize(6);
    }

    @Test
    void replicasShareTheJobsAndIngestEachDocumentOnce() {
        TestChunkIndex index = new TestChunkIndex();
        ConfigurableApplicationContext one = start(index, 3);
        ConfigurableApplicationContext two = start(index, 3);
        DocumentsClient api = new DocumentsClient(port(one));

        java.util.List<UUID> ids = java.util.stream.IntStream.range(0, 24).mapToObj(i -> api.uploaded(token,
                "doc-" + i + ".txt", SampleFiles.text("document number " + i), null)).toList();
        ids.forEach(id -> assertThat(new DocumentsClient(port(two)).awaitFinal(id, token).get("status").asString())
                .isEqualTo("STORED"));

        assertThat(ids).allSatisfy(id -> assertThat(index.callsFor(id)).hasSize(1));
    }

    private ConfigurableApplicationContext start(TestChunkIndex index, int workers) {
        return replicas.start(index, "--platform.documents.storage.directory=" + storage,
                "--platform.documents.ingestion.workers=" + workers);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
