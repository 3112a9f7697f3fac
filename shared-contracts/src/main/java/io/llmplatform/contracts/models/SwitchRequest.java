package io.llmplatform.contracts.models;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code POST /api/v1/models/switch}: load a catalog profile on a pool (the only pool when {@code pool} is absent).
 * A profile that does not fit the pool's known GPUs is refused unless {@code force} is set.
 */
public record SwitchRequest(@NotBlank String profileId, String pool, Boolean force) {

    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
