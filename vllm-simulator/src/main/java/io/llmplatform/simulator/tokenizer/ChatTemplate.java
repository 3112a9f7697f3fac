package io.llmplatform.simulator.tokenizer;

import io.llmplatform.contracts.openai.ChatMessage;
import java.util.List;

/**
 * Renders a conversation the way ChatML models (Qwen and others) do, so that a prompt costs its text plus a fixed
 * five tokens per message ({@code <|im_start|>}, the role, a newline, {@code <|im_end|>}, a newline) and three for
 * the generation prompt. Tools, when given, are rendered as JSON into a system section, as real templates do.
 */
public final class ChatTemplate {

    public String render(List<ChatMessage> messages, String toolsJson, boolean addGenerationPrompt) {
        StringBuilder prompt = new StringBuilder();
        if (toolsJson != null) {
            appendMessage(prompt, ChatMessage.SYSTEM, "# Tools\n" + toolsJson);
        }
        for (ChatMessage message : messages) {
            appendMessage(prompt, message.role() == null ? ChatMessage.USER : message.role(), contentOf(message));
        }
        if (addGenerationPrompt) {
            prompt.append(Vocabulary.IM_START).append(ChatMessage.ASSISTANT).append('\n');
        }
        return prompt.toString();
    }

    /** The text of the last user message, which the echo content mode repeats; empty when there is none. */
    public static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (ChatMessage.USER.equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static String contentOf(ChatMessage message) {
        String text = message.text();
        if (message.toolCalls() == null || message.toolCalls().isEmpty()) {
            return text;
        }
        StringBuilder calls = new StringBuilder(text);
        message.toolCalls().forEach(call -> calls.append("\n<tool_call>").append(call.function() == null
                ? "" : call.function().name() + " " + call.function().arguments()).append("</tool_call>"));
        return calls.toString();
    }

    private static void appendMessage(StringBuilder prompt, String role, String content) {
        prompt.append(Vocabulary.IM_START).append(role).append('\n').append(content).append(Vocabulary.IM_END)
                .append('\n');
    }
}
