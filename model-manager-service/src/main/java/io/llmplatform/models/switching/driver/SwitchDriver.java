package io.llmplatform.models.switching.driver;

import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.pool.ModelPool;
import java.net.URI;

/**
 * How a pool's model is changed. A switch captures what the pool runs now (so it can be put back), stops it, and
 * starts the target; the job runner then waits for the endpoint to serve the target. Each step may be repeated when
 * a job is resumed after a restart, so each must be safe to repeat.
 */
public interface SwitchDriver {

    /** Refuses a target this pool cannot switch to at all (with a {@code PlatformException}); default: none. */
    default void check(Pool pool, ModelProfile target) {
    }

    /** What {@link #restore} needs to bring back the pool's current model; null when there is nothing to restore. */
    String capture(Pool pool, ModelPool current) throws Exception;

    /** Takes the current model out of service; a no-op where starting the target replaces it. */
    void stop(Pool pool, ModelPool current) throws Exception;

    /** Has the pool load {@code target}; returns where it will answer. */
    URI start(Pool pool, ModelProfile target) throws Exception;

    /** Puts back what {@link #capture} saw; returns where it will answer. */
    URI restore(Pool pool, String snapshot) throws Exception;
}
