package io.llmplatform.models.pool;

import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.contracts.openai.ModelList;
import io.llmplatform.models.catalog.ModelCatalog;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.fit.FitCalculator;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configured pools and what each serves, kept in the database and announced on {@code llm.models.v1} at every
 * change, at start, and periodically. A pool seen for the first time is asked what it serves ({@code /v1/models});
 * one that cannot answer yet is asked again by the status poller, or taken to serve its {@code initial-profile}.
 */
@Service
public class PoolRegistry {

    private static final Logger log = LoggerFactory.getLogger(PoolRegistry.class);

    private final ModelPoolRepository pools;
    private final ModelManagerProperties properties;
    private final ModelCatalog catalog;
    private final VllmEndpointClient endpoints;
    private final ModelAnnouncer announcer;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PoolRegistry(ModelPoolRepository pools, ModelManagerProperties properties, ModelCatalog catalog,
            VllmEndpointClient endpoints, ModelAnnouncer announcer, TransactionTemplate transaction, Clock clock) {
        this.pools = pools;
        this.properties = properties;
        this.catalog = catalog;
        this.endpoints = endpoints;
        this.announcer = announcer;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        for (Pool pool : properties.pools()) {
            transaction.executeWithoutResult(status -> {
                if (!pools.existsById(pool.name())) {
                    pools.save(new ModelPool(pool.name(), pool.baseUrl().toString(), pool.task(), clock.instant()));
                }
            });
            discover(pool);
        }
        announceAll();
    }

    /** Every configured pool, in configuration order. */
    public List<ModelPool> all() {
        return properties.pools().stream().map(pool -> pools.findById(pool.name())).flatMap(Optional::stream)
                .toList();
    }

    public Optional<ModelPool> pool(String name) {
        return pools.findById(name);
    }

    /** The pool serving (or switching to or from) a model name or repository id. */
    public Optional<ModelPool> serving(String model) {
        return all().stream().filter(pool -> pool.known() && (model.equals(pool.servedModelName())
                        || model.equals(pool.model()) || pool.announcement().concerns(model)))
                .findFirst();
    }

    /** Changes a pool in one transaction, then announces it. */
    public ModelPool update(String name, Consumer<ModelPool> change) {
        ModelPool changed = transaction.execute(status -> {
            ModelPool pool = pools.findById(name).orElseThrow();
            change.accept(pool);
            return pools.save(pool);
        });
        announcer.announce(changed.announcement());
        return changed;
    }

    /** Learns what a pool serves when that is not known yet. */
    public void discover(Pool pool) {
        ModelPool known = pools.findById(pool.name()).orElse(null);
        if (known == null || known.known()) {
            return;
        }
        try {
            ModelList.Model served = endpoints.models(pool.baseUrl(), pool.apiKey(), properties.status().timeout())
                    .stream().filter(model -> model.parent() == null).findFirst()
                    .orElseThrow(() -> new IOException("it lists no model"));
            Optional<ModelProfile> profile = catalog.servedAs(served.id(), served.root());
            Integer maxModelLen = served.maxModelLen() != null ? served.maxModelLen()
                    : profile.map(FitCalculator::context).orElse(null);
            ServedModel model = new ServedModel(profile.map(ModelProfile::id).orElse(null),
                    served.root() != null ? served.root() : served.id(), served.id(), maxModelLen,
                    pool.baseUrl().toString());
            update(pool.name(), row -> row.serve(model, clock.instant()));
            log.info("Pool {} serves {}", pool.name(), served.id());
        } catch (IOException | RuntimeException e) {
            Optional<ModelProfile> initial = Optional.ofNullable(pool.initialProfile()).flatMap(catalog::profile);
            if (initial.isPresent()) {
                ModelProfile profile = initial.get();
                update(pool.name(), row -> row.serve(new ServedModel(profile.id(), profile.model(),
                        profile.nameServed(), FitCalculator.context(profile), pool.baseUrl().toString()),
                        clock.instant()));
            } else {
                log.warn("Pool {} at {} could not say what it serves: {}", pool.name(), pool.baseUrl(),
                        e.getMessage());
            }
        }
    }

    /** Heals announcements Kafka lost: the topic is compacted, so saying it again costs nothing. */
    @Scheduled(initialDelayString = "${platform.models.status.announce-interval:60s}",
            fixedDelayString = "${platform.models.status.announce-interval:60s}")
    void announceAll() {
        all().forEach(pool -> announcer.announce(pool.announcement()));
    }
}
