package io.llmplatform.models.switching;

import io.llmplatform.contracts.models.SwitchJobView;
import io.llmplatform.contracts.models.SwitchRequest;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/switch")
class SwitchController {

    private final SwitchService switches;

    SwitchController(SwitchService switches) {
        this.switches = switches;
    }

    /** Starts switching a pool to a catalog profile: 202 with the job; 409 while the pool is already switching. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SwitchJobView> start(@Valid @RequestBody SwitchRequest request, Caller caller) {
        SwitchJobView job = switches.request(request, caller.userId());
        return ResponseEntity.accepted().location(URI.create("/api/v1/models/switch/" + job.id())).body(job);
    }

    /** A switch: {@code PENDING → STOPPING → LOADING → WARMING → READY}, or {@code FAILED} with the reason. */
    @GetMapping("/{jobId}")
    SwitchJobView job(@PathVariable UUID jobId) {
        return switches.job(jobId);
    }
}
