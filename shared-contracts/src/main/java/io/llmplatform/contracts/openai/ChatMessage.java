package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.StringNode;

/**
 * One message of a conversation. {@code content} is a string, or an array of parts for multimodal input,
 * and is absent on an assistant message that only calls tools.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(
        @NotBlank @Pattern(regexp = "system|developer|user|assistant|tool",
                message = "must be one of system, developer, user, assistant, tool") String role,
        JsonNode content,
        String name,
        List<ToolCall> toolCalls,
        String toolCallId,
        String reasoningContent) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, StringNode.valueOf(text), null, null, null, null);
    }

    public static ChatMessage system(String text) {
        return of(SYSTEM, text);
    }

    public static ChatMessage user(String text) {
        return of(USER, text);
    }

    public static ChatMessage assistant(String text) {
        return of(ASSISTANT, text);
    }

    /** The text of the content: the string itself, or the text of every {@code text} part joined; empty if none. */
    public String text() {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode partText = part.get("text");
            if (partText != null && partText.isString()) {
                text.append(partText.asString());
            }
        }
        return text.toString();
    }
}
