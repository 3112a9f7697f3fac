package io.llmplatform.support.models;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.support.PlatformException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;

/**
 * The latest announcement of every pool, as read from {@code llm.models.v1}: which pool serves which model, where,
 * and whether it is switching. Services route requests by it instead of their static configuration.
 */
public final class ModelRoutes {

    /** How long a client is told to wait before asking again for a model whose pool is switching or failed. */
    public static final String RETRY_AFTER_SECONDS = "10";

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
     * Where a name a client asked for goes: the pool the service's configuration binds the name to, while that pool
     * is announced (whatever it serves); else the pool of {@code task} announcing the name. Empty when neither is.
     *
     * @param boundPool the pool configured for the name, or null
     */
    public Optional<ModelAnnouncement> route(String name, String boundPool, ModelTask task) {
        Optional<ModelAnnouncement> bound = boundPool == null || boundPool.isBlank() ? Optional.empty()
                : pool(boundPool);
        return bound.isPresent() ? bound : forModel(name, task);
    }

    /**
     * The pool of {@code task} for a model name clients use: the one serving it, else one switching to or away from
     * it. Empty when no such pool has announced the name.
     */
    public Optional<ModelAnnouncement> forModel(String servedModelName, ModelTask task) {
        return byPool.values().stream().filter(pool -> pool.task() == task && pool.concerns(servedModelName))
                .min(Comparator.comparing((ModelAnnouncement pool) -> !servedModelName.equals(pool.servedModelName()))
                        .thenComparing(ModelAnnouncement::pool));
    }

    public List<ModelAnnouncement> all() {
        return byPool.values().stream().sorted(Comparator.comparing(ModelAnnouncement::pool)).toList();
    }

    /** Whether the pool serves its model now: READY, and says where and under which name. */
    public static boolean serving(ModelAnnouncement pool) {
        return pool.state() == ModelState.READY && pool.baseUrl() != null && pool.servedModelName() != null;
    }

    /**
     * {@code pool} when it {@linkplain #serving serves} its model now. Otherwise a request for {@code name} is 503
     * with {@code Retry-After}: {@code model_loading} while the pool switches, {@code model_unavailable} when it
     * failed (with its reason).
     */
    public static ModelAnnouncement requireServing(ModelAnnouncement pool, String name) {
        if (pool.state().switching()) {
            throw new PlatformException(ErrorCode.MODEL_LOADING, "The model '" + name + "' is loading (pool "
                    + pool.pool() + " is switching models); try again shortly", "model")
                    .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (!serving(pool)) {
            throw new PlatformException(ErrorCode.MODEL_UNAVAILABLE, "The model '" + name + "' is unavailable: "
                    + (pool.reason() != null ? pool.reason() : "its pool " + pool.pool() + " is " + pool.state()),
                    "model").withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return pool;
    }
}
