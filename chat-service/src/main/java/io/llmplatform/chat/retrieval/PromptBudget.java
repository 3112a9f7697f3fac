package io.llmplatform.chat.retrieval;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a prompt into the model's context: the retrieved passages, the history and the question, with room for the
 * answer. What does not fit goes in this order: the lowest-ranked passages first, then (when the history is the
 * platform's own, a conversation's) the oldest exchanges; system messages always stay. A question that cannot fit
 * even alone is 400 {@code context_length_exceeded}.
 */
final class PromptBudget {

    private final TokenCountEstimator tokens;
    private final ContentInjector injector;

    PromptBudget(TokenCountEstimator tokens, ContentInjector injector) {
        this.tokens = tokens;
        this.injector = injector;
    }

    /**
     * @param messages the messages to send, passages not yet injected: what the question goes after
     * @param contents the retrieved passages, best first
     * @param mayDropHistory whether old messages may be left out (not for a client's own OpenAI request)
     * @param answerTokens the room kept for the answer
     */
    Fitted fit(List<ChatMessage> messages, UserMessage question, List<Content> contents, boolean mayDropHistory,
            int answerTokens, int contextTokens) {
        List<ChatMessage> history = new ArrayList<>(messages);
        List<Content> kept = new ArrayList<>(contents);
        while (true) {
            ChatMessage asked = kept.isEmpty() ? question : injector.inject(kept, question);
            List<ChatMessage> window = new ArrayList<>(history);
            window.add(asked);
            int prompt = tokens.estimateTokenCountInMessages(window);
            if (prompt + answerTokens <= contextTokens) {
                return new Fitted(List.copyOf(window), List.copyOf(kept), prompt);
            }
            if (!kept.isEmpty()) {
                kept.removeLast();
            } else if (!mayDropHistory || !dropOldestExchange(history)) {
                if (mayDropHistory && prompt >= contextTokens) {
                    throw new PlatformException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, "The message takes about "
                            + prompt + " tokens; the model's context holds " + contextTokens, "message");
                }
                return new Fitted(List.copyOf(window), List.copyOf(kept), prompt);
            }
        }
    }

    /** Drops the oldest message after the system messages, and what answered it, so history starts with a user. */
    private static boolean dropOldestExchange(List<ChatMessage> history) {
        int first = 0;
        while (first < history.size() && history.get(first) instanceof SystemMessage) {
            first++;
        }
        if (first == history.size()) {
            return false;
        }
        history.remove(first);
        while (first < history.size() && !(history.get(first) instanceof UserMessage)
                && !(history.get(first) instanceof SystemMessage)) {
            history.remove(first);
        }
        return true;
    }

    /**
     * @param messages everything that goes to the model, the question (with its passages) last
     * @param contents the passages that went with it, best first
     * @param promptTokens the estimated tokens of {@code messages}
     */
    record Fitted(List<ChatMessage> messages, List<Content> contents, int promptTokens) {
    }
}
