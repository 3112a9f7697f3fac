package io.llmplatform.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What one vLLM pool serves, published by model-manager-service on the compacted {@link Topics#MODELS} keyed by
 * {@code pool}: the latest record per pool is the route to it. During a switch {@code servedModelName} is the model
 * being loaded and {@code previousServedModelName} the one going away; requests for either get 503
 * {@code model_loading} until the pool is {@code READY}.
 *
 * @param model the model's weights (a Hugging Face repository id)
 * @param servedModelName the name clients and the server use for it ({@code --served-model-name})
 * @param baseUrl the server's root, without {@code /v1}
 * @param maxModelLen its context length in tokens
 * @param switchJobId the switch that produced this state, if one did
 * @param reason why the pool is {@code FAILED}, or why its last switch failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelAnnouncement(
        String pool,
        String profileId,
        String model,
        String servedModelName,
        String previousServedModelName,
        String baseUrl,
        ModelState state,
        Integer maxModelLen,
        ModelTask task,
        UUID switchJobId,
        String reason,
        Instant updatedAt) {

    /** The pool serves {@code name} now, or will once its switch ends. */
    public boolean concerns(String name) {
        return name.equals(servedModelName) || state.switching() && name.equals(previousServedModelName);
    }
}
