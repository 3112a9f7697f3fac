package io.llmplatform.contracts.client;

import io.llmplatform.contracts.events.ModelAnnouncement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * model-manager-service's internal route lookup, for a service asked for a model its {@code llm.models.v1} feed
 * does not know (yet). Never routed by the gateway. 404 {@code model_not_found} when no pool serves the name.
 */
public interface ModelRoutesApi {

    /** The pool that serves {@code model} (its served name or repository id), or is switching to it. */
    @GetMapping("/internal/v1/models/routes")
    ModelAnnouncement route(@RequestParam("model") String model);
}
