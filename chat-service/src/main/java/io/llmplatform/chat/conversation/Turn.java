package io.llmplatform.chat.conversation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.chat.usage.ModelCall;
import io.llmplatform.contracts.chat.Retrieval;
import io.llmplatform.contracts.chat.Source;
import java.util.List;

/**
 * One exchange of a conversation, admitted and ready for the model: the conversation (not yet stored if it is new),
 * the messages that go to the model (fitted to its context, the passages retrieved for the question injected), and
 * the call whose usage it will record.
 *
 * @param newSystemMessage the system prompt a new conversation starts its memory with, or null
 * @param userMessage the user's message as written, which is what memory and history keep
 * @param sources the passages that went to the model with the question
 * @param retrieval how retrieval went, or null when the message asked for none
 */
record Turn(Conversation conversation, boolean newConversation, ModelEndpoint model, SystemMessage newSystemMessage,
        List<ChatMessage> messages, UserMessage userMessage, Double temperature, Integer maxTokens, ModelCall call,
        List<Source> sources, Retrieval retrieval) {

    ChatRequest request() {
        return ChatRequest.builder().messages(messages).temperature(temperature).maxOutputTokens(maxTokens).build();
    }
}
