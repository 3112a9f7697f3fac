package io.llmplatform.document.chunking;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * A tokenizer-free estimate: one token per four characters (rounded up), the usual rule of thumb for English with
 * BPE and WordPiece vocabularies. Chunks only need to be about the right size, and the embedding model is chosen
 * at run time, so no one model's tokenizer is assumed.
 */
final class ApproximateTokenCount implements TokenCountEstimator {

    static final int CHARACTERS_PER_TOKEN = 4;

    static int of(String text) {
        int characters = text.codePointCount(0, text.length());
        return (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return of(text);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        throw new UnsupportedOperationException("only document text is estimated here");
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        throw new UnsupportedOperationException("only document text is estimated here");
    }
}
