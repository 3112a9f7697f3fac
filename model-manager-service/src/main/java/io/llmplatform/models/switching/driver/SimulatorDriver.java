package io.llmplatform.models.switching.driver;

import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import io.llmplatform.models.pool.ModelPool;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Switches the vLLM simulator with its {@code /admin/model}: a restart with the new model, which then loads for
 * the configured time. What {@code ./platform up} and the tests use, where no GPU is.
 */
public final class SimulatorDriver implements SwitchDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final VllmEndpointClient endpoints;
    private final JsonMapper json;
    private final Duration loadTime;

    public SimulatorDriver(VllmEndpointClient endpoints, JsonMapper json, Duration loadTime) {
        this.endpoints = endpoints;
        this.json = json;
        this.loadTime = loadTime;
    }

    @Override
    public String capture(Pool pool, ModelPool current) throws IOException {
        VllmEndpointClient.Reply state = endpoints.get(pool.baseUrl().resolve("/admin/state"), null, TIMEOUT);
        if (!state.ok()) {
            throw new IOException("the simulator's /admin/state answered " + state.status());
        }
        return json.writeValueAsString(json.readTree(state.body()).get("models"));
    }

    @Override
    public void stop(Pool pool, ModelPool current) {
        // The simulator's model switch is a restart: it stops the current model itself.
    }

    @Override
    public URI start(Pool pool, ModelProfile target) throws IOException {
        return load(pool, List.of(target.nameServed()));
    }

    @Override
    public URI restore(Pool pool, String snapshot) throws IOException {
        JsonNode models = json.readTree(snapshot);
        return load(pool, models.valueStream().map(JsonNode::asString).toList());
    }

    private URI load(Pool pool, List<String> models) throws IOException {
        VllmEndpointClient.Reply reply = endpoints.post(pool.baseUrl().resolve("/admin/model"), null,
                Map.of("models", models, "loadTimeMs", loadTime.toMillis()), TIMEOUT);
        if (!reply.ok()) {
            throw new IOException("the simulator refused the switch (" + reply.status() + "): " + reply.body());
        }
        return pool.baseUrl();
    }
}
