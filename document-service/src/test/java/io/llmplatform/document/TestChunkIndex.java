package io.llmplatform.document;

import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.document.index.ChunkDraft;
import io.llmplatform.document.index.ChunkIndex;
import io.llmplatform.document.index.IndexedDocument;
import io.llmplatform.document.index.IndexingProgress;
import io.llmplatform.document.index.IndexingUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The index as the ingestion half sees it, in memory: it keeps each document's chunks as the real one would and
 * reports progress in batches of two. Told by document name, it fails (as an unreachable embedding-service does)
 * a number of times or always, or holds a run after its first batch until released.
 */
public final class TestChunkIndex implements ChunkIndex {

    /** A test's instructions for the documents of one name. */
    public enum Behaviour { FAIL_TWICE, FAIL_ALWAYS, HOLD }

    private final Map<UUID, List<ChunkDraft>> stored = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> owners = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<UUID> deletes = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    /** One call of {@link #replace}. */
    public record Call(UUID documentId, String name, Instant at) {
    }

    public void behave(String documentName, Behaviour behaviour) {
        behaviours.put(documentName, behaviour);
        failuresLeft.put(documentName, 2);
    }

    /** Waits until a held run has reported its first batch. */
    public void awaitHeld() throws InterruptedException {
        if (!held.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("no run was held");
        }
    }

    /** Lets held runs finish, and holds the next ones afresh. */
    public void releaseHeld() {
        CountDownLatch releasing = release;
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        releasing.countDown();
    }

    public List<ChunkDraft> chunksOf(UUID documentId) {
        return stored.getOrDefault(documentId, List.of());
    }

    public List<Call> callsFor(UUID documentId) {
        return calls.stream().filter(call -> call.documentId().equals(documentId)).toList();
    }

    public List<UUID> deletes() {
        return deletes;
    }

    @Override
    public void replace(IndexedDocument document, List<ChunkDraft> chunks, IndexingProgress progress) {
        calls.add(new Call(document.documentId(), document.name(), Instant.now()));
        Behaviour behaviour = behaviours.get(document.name());
        if (behaviour == Behaviour.FAIL_ALWAYS
                || (behaviour == Behaviour.FAIL_TWICE && failuresLeft.merge(document.name(), -1, Integer::sum) >= 0)) {
            throw new IndexingUnavailableException("embedding-service is unreachable", null);
        }
        for (int done = 2; done < chunks.size() + 2; done += 2) {
            progress.embedded(Math.min(done, chunks.size()), chunks.size());
            if (behaviour == Behaviour.HOLD && done == 2) {
                hold();
            }
        }
        stored.put(document.documentId(), List.copyOf(chunks));
        owners.put(document.documentId(), document.ownerId());
    }

    private void hold() {
        CountDownLatch waitingFor = release;
        held.countDown();
        try {
            waitingFor.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexingUnavailableException("stopped while embedding", e);
        }
    }

    @Override
    public void delete(UUID ownerId, UUID documentId) {
        deletes.add(documentId);
        if (ownerId.equals(owners.get(documentId))) {
            stored.remove(documentId);
            owners.remove(documentId);
        }
    }

    @Override
    public DocumentSearchResponse search(UUID ownerId, UUID apiKeyId, DocumentSearchRequest request) {
        throw new UnsupportedOperationException("search is the index's own half");
    }

    /** Puts one {@link TestChunkIndex} in a test's context, ahead of any real index. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestChunkIndex testChunkIndex() {
            return new TestChunkIndex();
        }
    }
}
