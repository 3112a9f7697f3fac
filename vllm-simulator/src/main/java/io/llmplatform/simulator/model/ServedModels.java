package io.llmplatform.simulator.model;

import io.llmplatform.simulator.http.VllmError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model names served (the first one is the name in responses and metrics, as vLLM's first
 * {@code --served-model-name}), the LoRA adapters loaded on top, and whether a model is still loading (at startup and
 * after a switch).
 */
public final class ServedModels {

    private final Clock clock;
    private final Map<String, LoraAdapter> adapters = new LinkedHashMap<>();
    private volatile List<String> names;
    private volatile Instant loadingUntil;
    private volatile long createdEpochSeconds;

    public ServedModels(List<String> names, Duration startupDelay, Clock clock) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one model name is needed");
        }
        this.clock = clock;
        this.names = List.copyOf(names);
        this.loadingUntil = clock.instant().plus(startupDelay);
        this.createdEpochSeconds = clock.instant().getEpochSecond();
    }

    public String primary() {
        return names.getFirst();
    }

    public List<String> names() {
        return names;
    }

    public long createdEpochSeconds() {
        return createdEpochSeconds;
    }

    public boolean loading() {
        return clock.instant().isBefore(loadingUntil);
    }

    /** Serves other models from now on; they are loading for {@code loadTime}, and no adapter survives. */
    public synchronized void switchTo(List<String> newNames, Duration loadTime) {
        if (newNames.isEmpty() || newNames.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw VllmError.badRequest("model names cannot be empty", "model");
        }
        names = List.copyOf(newNames);
        adapters.clear();
        loadingUntil = clock.instant().plus(loadTime);
        createdEpochSeconds = clock.instant().getEpochSecond();
    }

    /**
     * The model name a response carries for the requested one: the primary name for any served base name (or none),
     * the adapter's own name for a LoRA adapter. Throws vLLM's 404 for anything else.
     */
    public String resolve(String requested) {
        if (requested == null || requested.isEmpty() || names.contains(requested)) {
            return primary();
        }
        synchronized (this) {
            if (adapters.containsKey(requested)) {
                return requested;
            }
        }
        throw VllmError.modelNotFound(requested);
    }

    public synchronized List<LoraAdapter> adapters() {
        return new ArrayList<>(adapters.values());
    }

    /** vLLM's {@code /v1/load_lora_adapter}; returns its success message, throws its errors. */
    public synchronized String loadAdapter(String name, String path, boolean loadInplace) {
        if (name == null || name.isEmpty() || path == null || path.isEmpty()) {
            throw new VllmError(400, "InvalidUserInput", "Both 'lora_name' and 'lora_path' must be provided.", null);
        }
        if (!loadInplace && adapters.containsKey(name)) {
            throw new VllmError(400, "InvalidUserInput", "The lora adapter '" + name + "' has already been loaded. "
                    + "If you want to load the adapter in place, set 'load_inplace' to True.", null);
        }
        adapters.put(name, new LoraAdapter(name, path, primary()));
        return "Success: LoRA adapter '" + name + "' added successfully.";
    }

    /** vLLM's {@code /v1/unload_lora_adapter}; returns its success message, throws its errors. */
    public synchronized String unloadAdapter(String name) {
        if (name == null || name.isEmpty()) {
            throw new VllmError(400, "InvalidUserInput",
                    "'lora_name' needs to be provided to unload a LoRA adapter.", null);
        }
        if (adapters.remove(name) == null) {
            throw new VllmError(404, "NotFoundError", "The lora adapter '" + name + "' cannot be found.", null);
        }
        return "Success: LoRA adapter '" + name + "' removed successfully.";
    }
}
