package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmplatform.contracts.events.ModelState;
import java.time.Instant;
import java.util.UUID;

/**
 * A model switch on one pool, as {@code GET /api/v1/models/switch/{jobId}} shows it. {@code reason} says why it
 * {@code FAILED}; {@code rolledBack} whether the pool went back to its previous model then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SwitchJobView(
        UUID id,
        String pool,
        String profileId,
        String servedModelName,
        ModelState state,
        String reason,
        boolean rolledBack,
        String previousServedModelName,
        UUID requestedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {
}
