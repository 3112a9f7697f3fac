package io.llmplatform.models.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.llmplatform.contracts.models.EndpointStatus;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.endpoint.PrometheusText;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.pool.ModelPool;
import io.llmplatform.models.pool.PoolRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls every pool's endpoint: {@code /health} for ready, {@code /metrics} for vLLM's running and waiting requests,
 * KV-cache usage ({@code vllm:kv_cache_usage_perc}, formerly {@code vllm:gpu_cache_usage_perc}) and generated
 * tokens, from which tokens per second between polls. The latest reading of each pool is what
 * {@code GET /api/v1/models/status} shows, and the {@code platform.models.endpoint.*} gauges export. A circuit
 * breaker per endpoint keeps a dead one from costing a timeout at every poll. A pool whose model is not known yet is
 * asked again.
 */
@Component
public class EndpointStatusPoller {

    private final PoolRegistry pools;
    private final ModelManagerProperties properties;
    private final VllmEndpointClient endpoints;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(3).minimumNumberOfCalls(3).waitDurationInOpenState(Duration.ofSeconds(30)).build());

    /** One poll's result, and the generated-token count it saw, for the next poll's rate. */
    record Reading(EndpointStatus status, Double generatedTokens) {
    }

    EndpointStatusPoller(PoolRegistry pools, ModelManagerProperties properties, VllmEndpointClient endpoints,
            MeterRegistry meters, Clock clock) {
        this.pools = pools;
        this.properties = properties;
        this.endpoints = endpoints;
        this.clock = clock;
        for (Pool pool : properties.pools()) {
            gauge(meters, "platform.models.endpoint.up", pool, status -> status.up() ? 1 : 0);
            gauge(meters, "platform.models.endpoint.ready", pool, status -> status.ready() ? 1 : 0);
            gauge(meters, "platform.models.endpoint.requests.running", pool, status -> orNaN(status.runningRequests()));
            gauge(meters, "platform.models.endpoint.requests.waiting", pool, status -> orNaN(status.waitingRequests()));
            gauge(meters, "platform.models.endpoint.kv_cache.usage", pool, status -> orNaN(status.kvCacheUsage()));
            gauge(meters, "platform.models.endpoint.generation.tokens_per_second", pool,
                    status -> orNaN(status.generationTokensPerSecond()));
        }
    }

    /** The latest reading of every pool, in configuration order. */
    public List<EndpointStatus> statuses() {
        return pools.all().stream().map(pool -> readings.containsKey(pool.name())
                ? current(readings.get(pool.name()).status(), pool)
                : new EndpointStatus(pool.name(), pool.baseUrl(), pool.servedModelName(), pool.state(), false,
                        false, null, null, null, null, null, "not polled yet")).toList();
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${platform.models.status.poll-interval:10s}")
    void pollAll() {
        for (Pool pool : properties.pools()) {
            pools.discover(pool);
            pools.pool(pool.name()).ifPresent(this::poll);
        }
    }

    void poll(ModelPool pool) {
        CircuitBreaker breaker = breakers.circuitBreaker(pool.baseUrl());
        Instant now = clock.instant();
        Reading previous = readings.get(pool.name());
        Reading reading;
        if (!breaker.tryAcquirePermission()) {
            reading = new Reading(down(pool, now, "unreachable; polls paused for a while"), null);
        } else {
            long started = System.nanoTime();
            try {
                reading = read(pool, now, previous);
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            } catch (IOException | RuntimeException e) {
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                reading = new Reading(down(pool, now, e.getMessage()), null);
            }
        }
        readings.put(pool.name(), reading);
    }

    private Reading read(ModelPool pool, Instant now, Reading previous) throws IOException {
        Pool settings = properties.pool(pool.name()).orElseThrow();
        URI base = URI.create(pool.baseUrl());
        Duration timeout = properties.status().timeout();
        boolean ready = endpoints.get(base.resolve("/health"), settings.apiKey(), timeout).status() == 200;
        VllmEndpointClient.Reply scrape = endpoints.get(base.resolve("/metrics"), settings.apiKey(), timeout);
        if (!scrape.ok()) {
            return new Reading(new EndpointStatus(pool.name(), pool.baseUrl(), pool.servedModelName(), pool.state(),
                    true, ready, null, null, null, null, now, "/metrics answered " + scrape.status()), null);
        }
        PrometheusText metrics = PrometheusText.parse(scrape.body());
        Double generated = metrics.sum("vllm:generation_tokens_total");
        Double perSecond = null;
        if (previous != null && previous.generatedTokens() != null && generated != null
                && previous.status().polledAt() != null) {
            double seconds = Duration.between(previous.status().polledAt(), now).toMillis() / 1000.0;
            double delta = generated - previous.generatedTokens();
            perSecond = seconds > 0 && delta >= 0 ? delta / seconds : null;
        }
        return new Reading(new EndpointStatus(pool.name(), pool.baseUrl(), pool.servedModelName(), pool.state(), true,
                ready, integer(metrics.sum("vllm:num_requests_running")),
                integer(metrics.sum("vllm:num_requests_waiting")),
                metrics.sum("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"), perSecond, now, null),
                generated);
    }

    /** The reading, with what the pool serves now (a switch may have changed it since the poll). */
    private static EndpointStatus current(EndpointStatus status, ModelPool pool) {
        return new EndpointStatus(status.pool(), pool.baseUrl(), pool.servedModelName(), pool.state(), status.up(),
                status.ready(), status.runningRequests(), status.waitingRequests(), status.kvCacheUsage(),
                status.generationTokensPerSecond(), status.polledAt(), status.error());
    }

    private static EndpointStatus down(ModelPool pool, Instant now, String error) {
        return new EndpointStatus(pool.name(), pool.baseUrl(), pool.servedModelName(), pool.state(), false, false,
                null, null, null, null, now, error);
    }

    private void gauge(MeterRegistry meters, String name, Pool pool, ToDoubleFunction<EndpointStatus> value) {
        Gauge.builder(name, readings, all -> {
            Reading reading = all.get(pool.name());
            return reading == null ? Double.NaN : value.applyAsDouble(reading.status());
        }).tag("pool", pool.name()).register(meters);
    }

    private static double orNaN(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }

    private static Integer integer(Double value) {
        return value == null ? null : (int) Math.round(value);
    }
}
