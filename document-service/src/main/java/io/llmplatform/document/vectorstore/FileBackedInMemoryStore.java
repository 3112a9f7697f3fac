package io.llmplatform.document.vectorstore;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;

/**
 * LangChain4j's in-memory store for a platform without Chroma, read from its file at start and written back after
 * every change (to a temporary file moved into place, so a crash never leaves half a file). One replica only: two
 * processes would overwrite each other's file.
 */
final class FileBackedInMemoryStore implements EmbeddingStore<TextSegment> {

    private final Path file;
    private final InMemoryEmbeddingStore<TextSegment> store;

    FileBackedInMemoryStore(Path file) {
        this.file = file;
        this.store = Files.isRegularFile(file) ? InMemoryEmbeddingStore.fromFile(file) : new InMemoryEmbeddingStore<>();
    }

    Path file() {
        return file;
    }

    /** Writes the store to its file. */
    synchronized void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(),
                    ".tmp");
            try {
                Files.writeString(written, store.serializeToJson());
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new VectorStoreUnavailableException("cannot write the vector index to " + file, e);
        }
    }

    @Override
    public synchronized String add(Embedding embedding) {
        String id = store.add(embedding);
        save();
        return id;
    }

    @Override
    public synchronized void add(String id, Embedding embedding) {
        store.add(id, embedding);
        save();
    }

    @Override
    public synchronized String add(Embedding embedding, TextSegment segment) {
        String id = store.add(embedding, segment);
        save();
        return id;
    }

    @Override
    public synchronized List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = store.addAll(embeddings);
        save();
        return ids;
    }

    @Override
    public synchronized void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        store.addAll(ids, embeddings, segments);
        save();
    }

    @Override
    public synchronized void removeAll(Collection<String> ids) {
        store.removeAll(ids);
        save();
    }

    @Override
    public synchronized void removeAll(Filter filter) {
        store.removeAll(filter);
        save();
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return store.search(request);
    }
}
