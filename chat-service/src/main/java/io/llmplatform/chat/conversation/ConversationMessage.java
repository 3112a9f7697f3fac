package io.llmplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message of a conversation's history, as the user reads it back. */
@Entity
@Table(name = "conversation_messages")
class ConversationMessage {

    static final String USER = "user";
    static final String ASSISTANT = "assistant";

    @Id
    private UUID id;

    @Column(name = "conversation_id")
    private UUID conversationId;

    private int position;

    private String role;

    private String content;

    private String model;

    @Column(name = "prompt_tokens")
    private Integer promptTokens;

    @Column(name = "completion_tokens")
    private Integer completionTokens;

    @Column(name = "created_at")
    private Instant createdAt;

    /** The passages an answer was given, as a JSON array of {@code Source}s; null for user messages. */
    private String sources;

    /** How retrieval went for an answer whose question asked for it, as a JSON {@code Retrieval}. */
    private String retrieval;

    protected ConversationMessage() {
    }

    ConversationMessage(UUID conversationId, int position, String role, String content, String model,
            Integer promptTokens, Integer completionTokens, Instant now) {
        this.id = UUID.randomUUID();
        this.conversationId = conversationId;
        this.position = position;
        this.role = role;
        this.content = content;
        this.model = model;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.createdAt = now;
    }

    ConversationMessage withSources(String sources, String retrieval) {
        this.sources = sources;
        this.retrieval = retrieval;
        return this;
    }

    String sources() {
        return sources;
    }

    String retrieval() {
        return retrieval;
    }

    UUID id() {
        return id;
    }

    String role() {
        return role;
    }

    String content() {
        return content;
    }

    String model() {
        return model;
    }

    Integer promptTokens() {
        return promptTokens;
    }

    Integer completionTokens() {
        return completionTokens;
    }

    Instant createdAt() {
        return createdAt;
    }
}
