package io.llmplatform.chat.completion;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.chat.retrieval.PreparedPrompt;
import io.llmplatform.chat.retrieval.PromptRequest;
import io.llmplatform.chat.retrieval.RetrievalAugmentation;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.security.Caller;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code rag} extension of {@code POST /v1/chat/completions}: the last message, the user's question, is searched
 * for in the caller's documents (the earlier messages make a follow-up stand alone) and replaced, in the client's
 * own JSON, by the question with the passages; nothing else of the request changes, and the client's messages are
 * never dropped to fit (passages are). The answer carries the extension fields {@code sources} and
 * {@code retrieval}.
 */
@Component
class CompletionRetrieval {

    private final RetrievalAugmentation retrieval;
    private final JsonMapper json;

    CompletionRetrieval(RetrievalAugmentation retrieval, JsonMapper json) {
        this.retrieval = retrieval;
        this.json = json;
    }

    /** The request to send instead, with the passages in its last message, and what went with it. */
    record Augmented(CompletionRequest request, PreparedPrompt prompt) {
    }

    Augmented augment(CompletionRequest request, ModelEndpoint model, Caller caller, String requestId) {
        List<io.llmplatform.contracts.openai.ChatMessage> messages = request.typed().messages();
        var last = messages.getLast();
        if (!io.llmplatform.contracts.openai.ChatMessage.USER.equals(last.role()) || last.text().isBlank()) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "With rag, the last message must be the "
                    + "user's question, with text", "messages[" + (messages.size() - 1) + "]");
        }
        PreparedPrompt prompt = retrieval.prepare(new PromptRequest(caller, requestId, model, "completion",
                history(messages.subList(0, messages.size() - 1)), UserMessage.from(last.text()), request.rag(),
                request.typed().effectiveMaxTokens(), false));
        ObjectNode body = request.json().deepCopy();
        body.remove(CompletionRequest.RAG);
        ((ObjectNode) ((ArrayNode) body.get("messages")).get(messages.size() - 1)).put("content", prompt.question());
        ChatCompletionRequest typed = json.treeToValue(body, ChatCompletionRequest.class);
        return new Augmented(new CompletionRequest(body, typed, request.wantsUsageChunk(),
                request.wantsUsageOnEveryChunk(), null), prompt);
    }

    /** The extension fields of the answer (and, streaming, of its first chunk). */
    byte[] withSources(byte[] answer, PreparedPrompt prompt) {
        ObjectNode object = (ObjectNode) json.readTree(answer);
        object.set("sources", json.valueToTree(prompt.sources()));
        object.set("retrieval", json.valueToTree(prompt.retrieval()));
        return json.writeValueAsBytes(object);
    }

    /** The client's earlier messages as LangChain4j's, for the query transformer: text only. */
    private static List<ChatMessage> history(List<io.llmplatform.contracts.openai.ChatMessage> earlier) {
        List<ChatMessage> history = new ArrayList<>();
        for (var message : earlier) {
            String text = message.text();
            if (text.isBlank()) {
                continue;
            }
            switch (message.role()) {
                case "system", "developer" -> history.add(SystemMessage.from(text));
                case "user" -> history.add(UserMessage.from(text));
                case "assistant" -> history.add(AiMessage.from(text));
                default -> { }
            }
        }
        return history;
    }
}
