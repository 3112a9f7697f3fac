package io.llmplatform.models.status;

import io.llmplatform.contracts.models.EndpointStatus;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatusController {

    private final EndpointStatusPoller poller;

    StatusController(EndpointStatusPoller poller) {
        this.poller = poller;
    }

    /** Per pool endpoint: its model and state, and what its /health and /metrics said at the last poll. */
    @GetMapping("/api/v1/models/status")
    List<EndpointStatus> status() {
        return poller.statuses();
    }
}
