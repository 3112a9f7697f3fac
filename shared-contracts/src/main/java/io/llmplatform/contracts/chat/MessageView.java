package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message of a conversation's history: {@code role} is {@code user} or {@code assistant}. An assistant message
 * keeps the sources it was given and, when its question asked for retrieval, how retrieval went.
 */
public record MessageView(UUID id, String role, String content, String model, Integer promptTokens,
        Integer completionTokens, Instant createdAt, List<Source> sources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Retrieval retrieval) {
}
