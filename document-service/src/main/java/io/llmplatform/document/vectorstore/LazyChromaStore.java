package io.llmplatform.document.vectorstore;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Chroma through {@code langchain4j-chroma} (v2 API, explicit tenant and database). Connecting creates the tenant,
 * database and collection when missing, so it is done at first use, and again after a failure: the service starts
 * while Chroma is still coming up, and ingestion retries what failed meanwhile.
 */
final class LazyChromaStore implements EmbeddingStore<TextSegment> {

    private final VectorStoreProperties.Chroma settings;
    private volatile ChromaEmbeddingStore store;

    LazyChromaStore(VectorStoreProperties.Chroma settings) {
        this.settings = settings;
    }

    private ChromaEmbeddingStore store() {
        ChromaEmbeddingStore connected = store;
        if (connected == null) {
            synchronized (this) {
                if (store == null) {
                    store = ChromaEmbeddingStore.builder().apiVersion(ChromaApiVersion.V2).baseUrl(settings.url())
                            .tenantName(settings.tenant()).databaseName(settings.database())
                            .collectionName(settings.collection()).timeout(settings.timeout()).build();
                }
                connected = store;
            }
        }
        return connected;
    }

    private <T> T call(Function<ChromaEmbeddingStore, T> operation) {
        try {
            return operation.apply(store());
        } catch (RuntimeException failed) {
            throw new VectorStoreUnavailableException("Chroma at " + settings.url() + " failed: "
                    + failed.getMessage(), failed);
        }
    }

    @Override
    public String add(Embedding embedding) {
        return call(chroma -> chroma.add(embedding));
    }

    @Override
    public void add(String id, Embedding embedding) {
        call(chroma -> {
            chroma.add(id, embedding);
            return null;
        });
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        return call(chroma -> chroma.add(embedding, segment));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        return call(chroma -> chroma.addAll(embeddings));
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        call(chroma -> {
            chroma.addAll(ids, embeddings, segments);
            return null;
        });
    }

    @Override
    public void removeAll(Collection<String> ids) {
        call(chroma -> {
            chroma.removeAll(ids);
            return null;
        });
    }

    @Override
    public void removeAll(Filter filter) {
        call(chroma -> {
            chroma.removeAll(filter);
            return null;
        });
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return call(chroma -> chroma.search(request));
    }
}
