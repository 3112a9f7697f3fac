package io.llmplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "conversations")
class Conversation {

    private static final int TITLE_LENGTH = 60;

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    private String title;

    private String model;

    @Column(name = "preset_id")
    private UUID presetId;

    @Column(name = "system_prompt")
    private String systemPrompt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Conversation() {
    }

    Conversation(UUID userId, String firstMessage, String model, UUID presetId, String systemPrompt, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.title = titleFrom(firstMessage);
        this.model = model;
        this.presetId = presetId;
        this.systemPrompt = systemPrompt;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The first line of the first message, cut at a word near 60 characters. */
    static String titleFrom(String message) {
        String line = message.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            return "New conversation";
        }
        if (line.length() <= TITLE_LENGTH) {
            return line;
        }
        int cut = line.lastIndexOf(' ', TITLE_LENGTH);
        return line.substring(0, cut > TITLE_LENGTH / 2 ? cut : TITLE_LENGTH).strip() + "…";
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    String title() {
        return title;
    }

    String model() {
        return model;
    }

    UUID presetId() {
        return presetId;
    }

    String systemPrompt() {
        return systemPrompt;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void rename(String newTitle, Instant now) {
        this.title = newTitle.strip();
        this.updatedAt = now;
    }

    void touched(Instant now) {
        this.updatedAt = now;
    }
}
