package io.llmplatform.chat.retrieval;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.llmplatform.contracts.chat.Retrieval;
import io.llmplatform.contracts.chat.Source;
import java.util.List;

/**
 * A prompt that fits the model: {@code messages} end with the question, its passages injected.
 *
 * @param retrieval how retrieval went, or null when none was asked for
 */
public record PreparedPrompt(List<ChatMessage> messages, int promptTokens, List<Source> sources,
        Retrieval retrieval) {

    /** The question as the model receives it, with the passages. */
    public String question() {
        return ((UserMessage) messages.getLast()).singleText();
    }
}
