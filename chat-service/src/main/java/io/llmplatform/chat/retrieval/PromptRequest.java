package io.llmplatform.chat.retrieval;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.contracts.chat.RagOptions;
import io.llmplatform.support.security.Caller;
import java.util.List;

/**
 * What a prompt is made of before retrieval and fitting.
 *
 * @param memoryId the conversation (LangChain4j's chat memory id), or any stable name outside one
 * @param history the messages the question follows, system messages first
 * @param rag what to retrieve, or null for no retrieval
 * @param maxTokens the answer's limit, if the request set one
 * @param mayDropHistory whether old history may be left out to fit (a conversation's, not a client's own messages)
 */
public record PromptRequest(Caller caller, String requestId, ModelEndpoint model, Object memoryId,
        List<ChatMessage> history, UserMessage question, RagOptions rag, Integer maxTokens, boolean mayDropHistory) {
}
