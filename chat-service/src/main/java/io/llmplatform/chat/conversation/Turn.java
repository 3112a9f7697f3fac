package io.llmplatform.chat.conversation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.chat.usage.ModelCall;
import java.util.List;

/**
 * One exchange of a conversation, admitted and ready for the model: the conversation (not yet stored if it is new),
 * the messages that go to the model, and the call whose usage it will record.
 *
 * @param newSystemMessage the system prompt a new conversation starts its memory with, or null
 */
record Turn(Conversation conversation, boolean newConversation, ModelEndpoint model, SystemMessage newSystemMessage,
        List<ChatMessage> messages, UserMessage userMessage, Double temperature, Integer maxTokens, ModelCall call) {

    ChatRequest request() {
        return ChatRequest.builder().messages(messages).temperature(temperature).maxOutputTokens(maxTokens).build();
    }
}
