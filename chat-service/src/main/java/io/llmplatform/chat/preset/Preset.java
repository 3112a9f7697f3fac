package io.llmplatform.chat.preset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named system prompt and default parameters: a user's own, or global when it has no owner. */
@Entity
@Table(name = "presets")
public class Preset {

    @Id
    private UUID id;

    @Column(name = "owner_id")
    private UUID ownerId;

    private String name;

    @Column(name = "system_prompt")
    private String systemPrompt;

    private String model;

    private Double temperature;

    @Column(name = "max_tokens")
    private Integer maxTokens;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Preset() {
    }

    Preset(UUID ownerId, Instant now) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.createdAt = now;
    }

    void change(String name, String systemPrompt, String model, Double temperature, Integer maxTokens, Instant now) {
        this.name = name;
        this.systemPrompt = systemPrompt;
        this.model = model;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public boolean global() {
        return ownerId == null;
    }

    public String name() {
        return name;
    }

    public String systemPrompt() {
        return systemPrompt;
    }

    public String model() {
        return model;
    }

    public Double temperature() {
        return temperature;
    }

    public Integer maxTokens() {
        return maxTokens;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
