package io.llmplatform.models.pool;

import io.llmplatform.contracts.events.ModelTask;
import java.time.Instant;

/** Pool rows as the database would hold them, for driver tests without a database. */
public final class TestPools {

    public static ModelPool serving(String name, String servedModelName, String baseUrl) {
        ModelPool pool = new ModelPool(name, baseUrl, ModelTask.CHAT, Instant.now());
        pool.serve(new ServedModel(null, servedModelName, servedModelName, 8192, baseUrl), Instant.now());
        return pool;
    }

    private TestPools() {
    }
}
