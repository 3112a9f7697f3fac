package io.llmplatform.document.search;

import io.llmplatform.contracts.documents.ChunkHit;
import io.llmplatform.contracts.documents.DocumentSearchRequest;
import io.llmplatform.contracts.documents.DocumentSearchResponse;
import io.llmplatform.contracts.documents.SearchMode;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.document.embedding.ChunkEmbedder;
import io.llmplatform.document.metrics.DocumentMetrics;
import io.llmplatform.document.vectorstore.ChunkVectors;
import io.llmplatform.document.vectorstore.VectorMatch;
import io.llmplatform.document.vectorstore.VectorStoreUnavailableException;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;

/**
 * Finds an owner's chunks: by vector (cosine of the query's embedding, {@code minScore} applies), by keyword
 * (PostgreSQL full text), or both fused by reciprocal rank; then, with {@code rerank}, ordered by embedding-service's
 * reranker. Vector hits count only when their chunk row is the owner's, so the store and the table agree on what
 * exists.
 */
@Service
public class ChunkSearch {

    private final ChunkEmbedder embedder;
    private final ChunkVectors vectors;
    private final ChunkRows rows;
    private final SearchProperties properties;
    private final DocumentMetrics metrics;

    ChunkSearch(ChunkEmbedder embedder, ChunkVectors vectors, ChunkRows rows, SearchProperties properties,
            DocumentMetrics metrics) {
        this.embedder = embedder;
        this.vectors = vectors;
        this.rows = rows;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Timed as {@code platform.documents.search} by mode, refused searches included. */
    public DocumentSearchResponse search(UUID ownerId, DocumentSearchRequest request) {
        SearchMode mode = request.modeOrDefault();
        return metrics.searchTimer(mode).record(() -> search(ownerId, request, mode));
    }

    private DocumentSearchResponse search(UUID ownerId, DocumentSearchRequest request, SearchMode mode) {
        int topK = request.topKOrDefault();
        boolean rerank = Boolean.TRUE.equals(request.rerank());
        int candidates = Math.max(topK, rerank || mode == SearchMode.HYBRID ? properties.candidates() : topK);
        List<Scored> ranked = switch (mode) {
            case VECTOR -> byVector(ownerId, request, candidates);
            case KEYWORD -> byKeyword(ownerId, request, candidates);
            case HYBRID -> fused(List.of(byVector(ownerId, request, candidates),
                    byKeyword(ownerId, request, candidates)));
        };
        if (rerank && !ranked.isEmpty()) {
            ranked = reranked(request.query(), ranked);
        }
        return new DocumentSearchResponse(mode, ranked.stream().limit(topK)
                .map(scored -> scored.row().hit(scored.score())).toList());
    }

    private List<Scored> byVector(UUID ownerId, DocumentSearchRequest request, int max) {
        float[] query = embedder.embedQuery(request.query());
        List<VectorMatch> matches;
        try {
            matches = vectors.nearest(ownerId, query, request.collections(), request.documentIds(), max,
                    request.minScore() == null ? -1 : request.minScore());
        } catch (VectorStoreUnavailableException unavailable) {
            throw new PlatformException(ErrorCode.SERVICE_UNAVAILABLE, "the vector store cannot be searched now",
                    null, unavailable).withHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        Map<UUID, ChunkRow> owned = rows.byIds(ownerId, matches.stream().map(VectorMatch::chunkId).toList());
        return matches.stream().filter(match -> owned.containsKey(match.chunkId()))
                .map(match -> new Scored(owned.get(match.chunkId()), match.cosine())).toList();
    }

    private List<Scored> byKeyword(UUID ownerId, DocumentSearchRequest request, int max) {
        return rows.keyword(ownerId, request.query(), request.collections(), request.documentIds(), max).stream()
                .map(ranked -> new Scored(ranked.row(), ranked.rank())).toList();
    }

    /** Reciprocal-rank fusion: each ranking adds {@code 1 / (k + rank)} (rank from 1) to the chunks it found. */
    private List<Scored> fused(List<List<Scored>> rankings) {
        Map<UUID, Scored> fused = new LinkedHashMap<>();
        for (List<Scored> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                ChunkRow row = ranking.get(rank).row();
                double contribution = 1.0 / (properties.fusionK() + rank + 1);
                fused.merge(row.id(), new Scored(row, contribution),
                        (known, added) -> new Scored(known.row(), known.score() + added.score()));
            }
        }
        return fused.values().stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).toList();
    }

    private List<Scored> reranked(String query, List<Scored> ranked) {
        double[] relevance = embedder.relevance(query, ranked.stream().map(scored -> scored.row().text()).toList());
        List<Scored> reranked = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            reranked.add(new Scored(ranked.get(i).row(), relevance[i]));
        }
        reranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        return reranked;
    }

    private record Scored(ChunkRow row, double score) {
    }
}
