package io.llmplatform.simulator.fault;

import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.model.ServedModels;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What every inference request passes first: the server must be ready (no model loading, no not-ready fault), and an
 * injected error, when drawn, answers at once. Returns the faults that act later (stall, drop).
 */
public final class ServingGuard {

    private final ServedModels models;
    private final FaultInjector faults;

    public ServingGuard(ServedModels models, FaultInjector faults) {
        this.models = models;
        this.faults = faults;
    }

    public boolean ready() {
        return !models.loading() && !faults.notReady();
    }

    public RequestFault admit(HttpServerRequest request) {
        if (models.loading()) {
            throw VllmError.serviceUnavailable("The model is loading: the server is not ready yet.");
        }
        if (faults.notReady()) {
            throw VllmError.serviceUnavailable("The server is not ready yet.");
        }
        RequestFault fault = faults.decide(request.requestHeaders().get(RequestFault.HEADER));
        if (fault.status() != 0) {
            throw VllmError.ofStatus(fault.status(), "Simulated failure with status " + fault.status()
                    + " (vllm-simulator fault injection).");
        }
        return fault;
    }
}
