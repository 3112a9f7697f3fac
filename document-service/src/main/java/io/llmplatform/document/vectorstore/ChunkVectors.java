package io.llmplatform.document.vectorstore;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * The vector half of the index over a LangChain4j {@link EmbeddingStore} (Chroma, or the in-memory store). Every
 * vector carries its owner, document, collection, chunk index, page and heading as metadata; every query and removal
 * filters by owner in the store itself, so another owner's vectors are never even read.
 */
public class ChunkVectors {

    static final String OWNER = "owner";
    static final String DOCUMENT = "documentId";
    static final String GENERATION = "generation";
    static final String COLLECTION = "collection";
    static final String CHUNK_INDEX = "chunkIndex";
    static final String PAGE = "page";
    static final String HEADING = "heading";

    private final EmbeddingStore<TextSegment> store;
    private final String description;

    ChunkVectors(EmbeddingStore<TextSegment> store, String description) {
        this.store = store;
        this.description = description;
    }

    /** What holds the vectors, for the start-up log. */
    public String description() {
        return description;
    }

    /** Stores the vectors under their ids. */
    public void add(List<ChunkVector> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        store.addAll(vectors.stream().map(vector -> vector.id().toString()).toList(),
                vectors.stream().map(vector -> Embedding.from(vector.vector())).toList(),
                vectors.stream().map(ChunkVectors::segment).toList());
    }

    /** Removes the vectors with these ids (this run's, after a failure). */
    public void remove(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            store.removeAll(ids.stream().map(UUID::toString).toList());
        }
    }

    /** Removes the owner's vectors of the document, except those of {@code keep} (null: all of them). */
    public void removeDocument(UUID ownerId, UUID documentId, UUID keep) {
        Filter document = metadataKey(OWNER).isEqualTo(ownerId.toString())
                .and(metadataKey(DOCUMENT).isEqualTo(documentId.toString()));
        store.removeAll(keep == null ? document : document.and(metadataKey(GENERATION).isNotEqualTo(keep.toString())));
    }

    /**
     * The owner's vectors nearest {@code query}, best first, at most {@code max}, with at least {@code minCosine}
     * similarity, in these collections and documents when they are given.
     */
    public List<VectorMatch> nearest(UUID ownerId, float[] query, Collection<String> collections,
            Collection<UUID> documentIds, int max, double minCosine) {
        Filter filter = metadataKey(OWNER).isEqualTo(ownerId.toString());
        if (collections != null && !collections.isEmpty()) {
            filter = filter.and(metadataKey(COLLECTION).isIn(collections));
        }
        if (documentIds != null && !documentIds.isEmpty()) {
            filter = filter.and(metadataKey(DOCUMENT).isIn(documentIds.stream().map(UUID::toString).toList()));
        }
        // LangChain4j scores relevance as (cosine + 1) / 2.
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(query)).maxResults(max)
                        .minScore((minCosine + 1) / 2).filter(filter).build())
                .matches().stream()
                .map(match -> new VectorMatch(UUID.fromString(match.embeddingId()), match.score() * 2 - 1))
                .toList();
    }

    private static TextSegment segment(ChunkVector vector) {
        Metadata metadata = new Metadata()
                .put(OWNER, vector.ownerId().toString())
                .put(DOCUMENT, vector.documentId().toString())
                .put(GENERATION, vector.generation().toString())
                .put(CHUNK_INDEX, vector.chunkIndex());
        if (vector.collection() != null) {
            metadata.put(COLLECTION, vector.collection());
        }
        if (vector.page() != null) {
            metadata.put(PAGE, vector.page());
        }
        if (vector.heading() != null) {
            metadata.put(HEADING, vector.heading());
        }
        return TextSegment.from(vector.text(), metadata);
    }
}
