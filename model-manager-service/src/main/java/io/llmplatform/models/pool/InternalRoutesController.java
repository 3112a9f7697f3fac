package io.llmplatform.models.pool;

import io.llmplatform.contracts.client.ModelRoutesApi;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.support.PlatformException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The route to a model, for services whose {@code llm.models.v1} feed does not know it (yet). Internal: the gateway
 * never routes {@code /internal/**}. Any valid token may ask; the answer is what the feed says to everyone.
 */
@RestController
class InternalRoutesController implements ModelRoutesApi {

    private final PoolRegistry pools;

    InternalRoutesController(PoolRegistry pools) {
        this.pools = pools;
    }

    @Override
    public ModelAnnouncement route(@RequestParam("model") String model) {
        return pools.serving(model).map(ModelPool::announcement).orElseThrow(() -> new PlatformException(
                ErrorCode.MODEL_NOT_FOUND, "No pool serves the model '" + model + "'", "model"));
    }
}
