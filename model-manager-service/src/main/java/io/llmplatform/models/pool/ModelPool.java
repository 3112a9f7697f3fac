package io.llmplatform.models.pool;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.events.ModelTask;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What one pool serves: its model while {@code READY}, the model it is switching to (and from) during a switch, or
 * why it is {@code FAILED}. The row is what model-manager announces for the pool.
 */
@Entity
@Table(name = "model_pool")
public class ModelPool {

    @Id
    private String name;
    @Column(name = "profile_id")
    private String profileId;
    private String model;
    @Column(name = "served_model_name")
    private String servedModelName;
    @Column(name = "previous_served_model_name")
    private String previousServedModelName;
    @Column(name = "max_model_len")
    private Integer maxModelLen;
    @Column(name = "base_url")
    private String baseUrl;
    @Enumerated(EnumType.STRING)
    private ModelTask task;
    @Enumerated(EnumType.STRING)
    private ModelState state;
    @Column(name = "switch_job_id")
    private UUID switchJobId;
    private String reason;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ModelPool() {
    }

    ModelPool(String name, String baseUrl, ModelTask task, Instant now) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.task = task;
        this.state = ModelState.FAILED;
        this.reason = "what the pool serves is not known yet";
        this.updatedAt = now;
    }

    /** The pool serves this model, ready for requests. */
    public void serve(ServedModel served, Instant now) {
        profileId = served.profileId();
        model = served.model();
        servedModelName = served.servedModelName();
        maxModelLen = served.maxModelLen();
        baseUrl = served.baseUrl();
        previousServedModelName = null;
        state = ModelState.READY;
        reason = null;
        updatedAt = now;
    }

    /** A switch to {@code target} is at {@code state}; requests for either model wait until it ends. */
    public void switching(UUID jobId, ModelState switchState, ServedModel target, String previous, Instant now) {
        serve(target, now);
        previousServedModelName = previous;
        state = switchState;
        switchJobId = jobId;
        reason = null;
    }

    public void fail(String why, Instant now) {
        state = ModelState.FAILED;
        reason = why;
        updatedAt = now;
    }

    /** Records why the last switch failed, while the pool serves on. */
    public void lastSwitchFailed(String why) {
        reason = why;
    }

    public ModelAnnouncement announcement() {
        return new ModelAnnouncement(name, profileId, model, servedModelName, previousServedModelName, baseUrl,
                state, maxModelLen, task, switchJobId, reason, updatedAt);
    }

    public ServedModel served() {
        return new ServedModel(profileId, model, servedModelName, maxModelLen, baseUrl);
    }

    public String name() {
        return name;
    }

    public String servedModelName() {
        return servedModelName;
    }

    public String profileId() {
        return profileId;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ModelState state() {
        return state;
    }

    public ModelTask task() {
        return task;
    }

    public Integer maxModelLen() {
        return maxModelLen;
    }

    public String model() {
        return model;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public boolean known() {
        return servedModelName != null;
    }
}
