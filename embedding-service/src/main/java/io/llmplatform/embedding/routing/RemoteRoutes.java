package io.llmplatform.embedding.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.embedding.config.EmbeddingProperties.RemoteModel;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.models.ModelRoutes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;

/**
 * The remote models of one task (embed or rerank) by the names clients use, routed by model-manager's announcements
 * on {@code llm.models.v1}: a configured name that stands for a pool follows whatever the pool serves, and every
 * pool of the task is reachable by its served name. A configured model's own server is the fallback while nothing
 * is announced for it. A pool that is switching answers 503 {@code model_loading}, a failed one
 * {@code model_unavailable}.
 *
 * <p>Each endpoint (name, server, model, key) is made once, on first use, so a name that moves to another server
 * starts there afresh (its circuit breaker too) and moving back finds the old one again.
 *
 * @param <T> what a remote model is made into: an embedding model or a reranker
 */
public final class RemoteRoutes<T> {

    private final Map<String, RemoteModel> configured = new LinkedHashMap<>();
    private final ModelTask task;
    private final ModelRoutes routes;
    private final String poolApiKey;
    private final Function<RemoteModel, T> connect;
    private final Cache<RemoteModel, T> endpoints = Caffeine.newBuilder().maximumSize(1_000).build();

    /**
     * @param configured the configured models; entries that name neither a server nor a pool are left out
     * @param poolApiKey the key for an announced pool that no configured model with a key of its own names
     * @param connect makes one endpoint
     */
    public RemoteRoutes(List<RemoteModel> configured, ModelTask task, ModelRoutes routes, String poolApiKey,
            Function<RemoteModel, T> connect) {
        configured.stream().filter(RemoteModel::configured).forEach(model -> {
            if (this.configured.putIfAbsent(model.name(), model) != null) {
                throw new IllegalStateException("two " + task.value() + " models are named '" + model.name() + "'");
            }
        });
        this.task = task;
        this.routes = routes;
        this.poolApiKey = poolApiKey;
        this.connect = connect;
    }

    public Set<String> configuredNames() {
        return configured.keySet();
    }

    /**
     * What serves {@code name} now; empty when nothing is configured or announced under it.
     *
     * @throws PlatformException 503 with {@code Retry-After} while its pool switches or has failed, or while a
     *     configured name without a server waits for its pool's first announcement
     */
    public Optional<T> resolve(String name) {
        RemoteModel config = configured.get(name);
        Optional<ModelAnnouncement> announced = routes.route(name, config != null ? config.pool() : null, task);
        if (announced.isPresent()) {
            return Optional.of(connected(following(name, ModelRoutes.requireServing(announced.get(), name), config)));
        }
        if (config != null && !config.hasBaseUrl()) {
            throw new PlatformException(ErrorCode.MODEL_UNAVAILABLE, "The model '" + name + "' is unavailable: its "
                    + "pool " + config.pool() + " has not been announced yet", "model")
                    .withHeader(HttpHeaders.RETRY_AFTER, ModelRoutes.RETRY_AFTER_SECONDS);
        }
        return Optional.ofNullable(config).map(this::connected);
    }

    /** Everything that can serve now: the configured names, then the ready pools of the task by served name. */
    public List<T> available() {
        Map<String, T> served = new LinkedHashMap<>();
        configured.keySet().forEach(name -> servable(name).ifPresent(model -> served.put(name, model)));
        for (ModelAnnouncement pool : routes.all()) {
            if (pool.task() == task && ModelRoutes.serving(pool) && !served.containsKey(pool.servedModelName())) {
                servable(pool.servedModelName()).ifPresent(model -> served.put(pool.servedModelName(), model));
            }
        }
        return List.copyOf(served.values());
    }

    /** The name a request naming none gets: the first configured model, else the first pool of the task. */
    public Optional<String> first() {
        if (!configured.isEmpty()) {
            return Optional.of(configured.keySet().iterator().next());
        }
        return routes.all().stream().filter(pool -> pool.task() == task && pool.servedModelName() != null)
                .map(ModelAnnouncement::servedModelName).findFirst();
    }

    /** A name that cannot serve at this moment (its pool switching, say) is simply not listed. */
    private Optional<T> servable(String name) {
        try {
            return resolve(name);
        } catch (PlatformException notNow) {
            return Optional.empty();
        }
    }

    /**
     * {@code name} as {@code pool} serves it. A configured model's key goes along; its dimensions describe the
     * configured model, so they hold only while the pool serves that model.
     */
    private RemoteModel following(String name, ModelAnnouncement pool, RemoteModel config) {
        boolean configuredModel = config != null && pool.servedModelName().equals(config.upstreamModel());
        String apiKey = config != null && config.apiKey() != null && !config.apiKey().isBlank() ? config.apiKey()
                : poolApiKey;
        return new RemoteModel(name, pool.pool(), pool.baseUrl(), pool.servedModelName(), apiKey,
                configuredModel ? config.dimensions() : null, configuredModel && config.matryoshka());
    }

    private T connected(RemoteModel endpoint) {
        return endpoints.get(endpoint, connect);
    }
}
