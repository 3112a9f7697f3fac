package io.llmplatform.chat.preset;

import io.llmplatform.contracts.chat.PresetRequest;
import io.llmplatform.contracts.chat.PresetView;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/chat/presets")
class PresetController {

    private final PresetService presets;

    PresetController(PresetService presets) {
        this.presets = presets;
    }

    @GetMapping
    List<PresetView> list(Caller caller) {
        return presets.visibleTo(caller);
    }

    @GetMapping("/{id}")
    PresetView get(@PathVariable UUID id, Caller caller) {
        return PresetService.view(presets.visible(caller, id));
    }

    @PostMapping
    ResponseEntity<PresetView> create(@Valid @RequestBody PresetRequest request, Caller caller) {
        PresetView created = presets.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/chat/presets/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    PresetView update(@PathVariable UUID id, @Valid @RequestBody PresetRequest request, Caller caller) {
        return presets.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        presets.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
