package io.llmplatform.support.models;

import io.llmplatform.contracts.events.ModelAnnouncement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest announcement of every pool, as read from {@code llm.models.v1}: which pool serves which model, where,
 * and whether it is switching. Services route requests by it instead of their static configuration.
 */
public final class ModelRoutes {

    private final Map<String, ModelAnnouncement> byPool = new ConcurrentHashMap<>();

    /** Keeps the newer of what is known and {@code announcement}; a late, older record changes nothing. */
    public void update(ModelAnnouncement announcement) {
        byPool.merge(announcement.pool(), announcement, (known, candidate) ->
                candidate.updatedAt() != null && known.updatedAt() != null
                        && candidate.updatedAt().isBefore(known.updatedAt()) ? known : candidate);
    }

    public void remove(String pool) {
        byPool.remove(pool);
    }

    public Optional<ModelAnnouncement> pool(String pool) {
        return Optional.ofNullable(byPool.get(pool));
    }

    /**
     * The pool for a model name clients use: the one serving it, else one switching to or away from it. Empty
     * when no pool has announced the name.
     */
    public Optional<ModelAnnouncement> forModel(String servedModelName) {
        return byPool.values().stream().filter(pool -> pool.concerns(servedModelName))
                .min(Comparator.comparing((ModelAnnouncement pool) -> !servedModelName.equals(pool.servedModelName()))
                        .thenComparing(ModelAnnouncement::pool));
    }

    public List<ModelAnnouncement> all() {
        return byPool.values().stream().sorted(Comparator.comparing(ModelAnnouncement::pool)).toList();
    }
}
