package io.llmplatform.simulator;

import io.llmplatform.simulator.admin.AdminEndpoints;
import io.llmplatform.simulator.completion.ChatCompletionEndpoint;
import io.llmplatform.simulator.completion.TextCompletionEndpoint;
import io.llmplatform.simulator.embedding.EmbeddingEndpoint;
import io.llmplatform.simulator.embedding.RerankEndpoint;
import io.llmplatform.simulator.http.Router;
import io.llmplatform.simulator.http.SimulatorJson;
import io.llmplatform.simulator.model.HealthEndpoints;
import io.llmplatform.simulator.model.ModelEndpoints;
import io.llmplatform.simulator.tokenizer.TokenizeEndpoints;

/** Every path the simulator serves. */
record SimulatorRoutes(
        SimulatorJson json,
        ChatCompletionEndpoint chat,
        TextCompletionEndpoint completions,
        EmbeddingEndpoint embeddings,
        RerankEndpoint rerank,
        TokenizeEndpoints tokenize,
        ModelEndpoints models,
        HealthEndpoints health,
        AdminEndpoints admin) {

    Router router(boolean sleepMode) {
        Router router = new Router(json)
                .get("/health", health::health)
                .get("/version", health::version)
                .get("/metrics", health::metrics)
                .get("/v1/models", models::list)
                .post("/v1/chat/completions", chat::handle)
                .post("/v1/completions", completions::handle)
                .post("/v1/embeddings", embeddings::handle)
                .post("/rerank", rerank::handle)
                .post("/v1/rerank", rerank::handle)
                .post("/v2/rerank", rerank::handle)
                .post("/tokenize", tokenize::tokenize)
                .post("/detokenize", tokenize::detokenize)
                .post("/v1/load_lora_adapter", models::loadLora)
                .post("/v1/unload_lora_adapter", models::unloadLora)
                .get("/admin/faults", admin::faults)
                .put("/admin/faults", admin::replaceFaults)
                .post("/admin/model", admin::switchModel)
                .get("/admin/requests", admin::requests)
                .delete("/admin/requests", admin::clearRequests)
                .get("/admin/state", admin::engineState);
        if (sleepMode) {
            router.post("/sleep", models::sleep)
                    .post("/wake_up", models::wakeUp)
                    .get("/is_sleeping", models::isSleeping);
        }
        return router;
    }
}
