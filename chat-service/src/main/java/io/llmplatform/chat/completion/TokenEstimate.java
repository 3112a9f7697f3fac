package io.llmplatform.chat.completion;

import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.contracts.openai.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The most tokens a request can spend, reserved against the user's quota before the model runs. Prompt tokens are
 * estimated from the text (about three bytes a token, plus each message's template), and settled to the exact count
 * afterwards; without {@code max_tokens}, the completion may fill the rest of the model's context.
 */
final class TokenEstimate {

    private static final int BYTES_PER_TOKEN = 3;
    private static final int TOKENS_PER_MESSAGE = 8;

    static int prompt(List<ChatMessage> messages) {
        long tokens = 3;
        for (ChatMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + message.text().getBytes(StandardCharsets.UTF_8).length / BYTES_PER_TOKEN;
            if (message.toolCalls() != null) {
                tokens += message.toolCalls().toString().length() / BYTES_PER_TOKEN;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    static long worstCase(List<ChatMessage> messages, Integer maxTokens, ModelEndpoint model) {
        int prompt = prompt(messages);
        long completion = maxTokens != null ? maxTokens : Math.max(1, model.contextTokens() - prompt);
        return prompt + completion;
    }

    private TokenEstimate() {
    }
}
