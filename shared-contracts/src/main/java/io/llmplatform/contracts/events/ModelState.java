package io.llmplatform.contracts.events;

/**
 * Where a pool, or a switch of its model, stands. A switch goes {@code PENDING → STOPPING → LOADING → WARMING →
 * READY}, or ends {@code FAILED}; a pool is {@code READY} when it serves its model.
 */
public enum ModelState {
    PENDING,
    STOPPING,
    LOADING,
    WARMING,
    READY,
    FAILED;

    /** A switch is under way: the pool serves nothing reliably until it is READY again. */
    public boolean switching() {
        return this == PENDING || this == STOPPING || this == LOADING || this == WARMING;
    }
}
