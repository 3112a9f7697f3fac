package io.llmplatform.models.switching;

import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.models.SwitchJobView;
import io.llmplatform.models.pool.ServedModel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** One switch of a pool's model, persisted at every state so another replica (or this one, restarted) can resume. */
@Entity
@Table(name = "switch_job")
public class SwitchJob {

    static final Set<ModelState> ACTIVE = EnumSet.of(ModelState.PENDING, ModelState.STOPPING, ModelState.LOADING,
            ModelState.WARMING);

    @Id
    private UUID id;
    private String pool;
    @Column(name = "profile_id")
    private String profileId;
    @Column(name = "served_model_name")
    private String servedModelName;
    @Enumerated(EnumType.STRING)
    private ModelState state;
    private String reason;
    @Column(name = "rolled_back")
    private boolean rolledBack;
    @Column(name = "previous_profile_id")
    private String previousProfileId;
    @Column(name = "previous_model")
    private String previousModel;
    @Column(name = "previous_served_model_name")
    private String previousServedModelName;
    @Column(name = "previous_max_model_len")
    private Integer previousMaxModelLen;
    @Column(name = "previous_base_url")
    private String previousBaseUrl;
    @Column(name = "driver_snapshot")
    private String driverSnapshot;
    @Column(name = "requested_by")
    private UUID requestedBy;
    private String owner;
    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected SwitchJob() {
    }

    SwitchJob(String pool, String profileId, String servedModelName, ServedModel previous, UUID requestedBy,
            String owner, Instant now) {
        this.id = UUID.randomUUID();
        this.pool = pool;
        this.profileId = profileId;
        this.servedModelName = servedModelName;
        this.state = ModelState.PENDING;
        if (previous != null) {
            this.previousProfileId = previous.profileId();
            this.previousModel = previous.model();
            this.previousServedModelName = previous.servedModelName();
            this.previousMaxModelLen = previous.maxModelLen();
            this.previousBaseUrl = previous.baseUrl();
        }
        this.requestedBy = requestedBy;
        this.owner = owner;
        this.heartbeatAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void advance(ModelState next, Instant now) {
        state = next;
        updatedAt = now;
        heartbeatAt = now;
        if (next == ModelState.READY) {
            finishedAt = now;
        }
    }

    void snapshot(String snapshot) {
        driverSnapshot = snapshot;
    }

    void fail(String why, boolean rolledBackToPrevious, Instant now) {
        state = ModelState.FAILED;
        reason = why;
        rolledBack = rolledBackToPrevious;
        updatedAt = now;
        finishedAt = now;
    }

    public SwitchJobView view() {
        return new SwitchJobView(id, pool, profileId, servedModelName, state, reason, rolledBack,
                previousServedModelName, requestedBy, createdAt, updatedAt, finishedAt);
    }

    /** What the pool served before, or null when that was never known. */
    ServedModel previous() {
        return previousServedModelName == null ? null : new ServedModel(previousProfileId, previousModel,
                previousServedModelName, previousMaxModelLen, previousBaseUrl);
    }

    public UUID id() {
        return id;
    }

    public String pool() {
        return pool;
    }

    public String profileId() {
        return profileId;
    }

    public ModelState state() {
        return state;
    }

    String driverSnapshot() {
        return driverSnapshot;
    }

    String previousServedModelName() {
        return previousServedModelName;
    }
}
