package io.llmplatform.chat.preset;

import io.llmplatform.contracts.chat.PresetRequest;
import io.llmplatform.contracts.chat.PresetView;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users manage their own presets; administrators also manage global ones. A preset the caller may not see is
 * answered as absent, and one they may see but not change (a global one, for a user) as forbidden.
 */
@Service
public class PresetService {

    private final PresetRepository presets;
    private final Clock clock;

    PresetService(PresetRepository presets, Clock clock) {
        this.presets = presets;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<PresetView> visibleTo(Caller caller) {
        return presets.findVisibleTo(caller.userId()).stream().map(PresetService::view).toList();
    }

    @Transactional(readOnly = true)
    public Preset visible(Caller caller, UUID id) {
        return presets.findVisible(id, caller.userId())
                .orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND, "No such preset", "presetId"));
    }

    @Transactional
    public PresetView create(Caller caller, PresetRequest request) {
        if (request.global() && !caller.isAdmin()) {
            throw new PlatformException(ErrorCode.FORBIDDEN, "Only administrators create global presets", "global");
        }
        Preset preset = new Preset(request.global() ? null : caller.userId(), clock.instant());
        apply(preset, request);
        return view(save(preset));
    }

    @Transactional
    public PresetView update(Caller caller, UUID id, PresetRequest request) {
        Preset preset = changeable(caller, id);
        if (request.global() != preset.global()) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "A preset cannot change between own and global",
                    "global");
        }
        apply(preset, request);
        return view(save(preset));
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        presets.delete(changeable(caller, id));
    }

    private Preset changeable(Caller caller, UUID id) {
        Preset preset = visible(caller, id);
        if (preset.global() && !caller.isAdmin()) {
            throw new PlatformException(ErrorCode.FORBIDDEN, "Only administrators change global presets");
        }
        return preset;
    }

    private void apply(Preset preset, PresetRequest request) {
        preset.change(request.name().trim(), request.systemPrompt(), request.model(), request.temperature(),
                request.maxTokens(), clock.instant());
    }

    private Preset save(Preset preset) {
        try {
            return presets.saveAndFlush(preset);
        } catch (DataIntegrityViolationException duplicate) {
            throw new PlatformException(ErrorCode.CONFLICT, "A preset with this name already exists", "name");
        }
    }

    static PresetView view(Preset preset) {
        return new PresetView(preset.id(), preset.name(), preset.systemPrompt(), preset.model(), preset.temperature(),
                preset.maxTokens(), preset.global(), preset.createdAt(), preset.updatedAt());
    }
}
