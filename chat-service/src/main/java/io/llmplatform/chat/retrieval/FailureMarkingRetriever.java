package io.llmplatform.chat.retrieval;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.util.List;

/**
 * Marks document-service's failures as such on their way through LangChain4j, so they are told apart from the
 * model's (the query transformer calls the model inside the same augmentation).
 */
final class FailureMarkingRetriever implements ContentRetriever {

    private final ContentRetriever search;

    FailureMarkingRetriever(ContentRetriever search) {
        this.search = search;
    }

    @Override
    public List<Content> retrieve(Query query) {
        try {
            return search.retrieve(query);
        } catch (PlatformException failed) {
            throw new SearchFailed(failed);
        } catch (RuntimeException unreadable) {
            throw new SearchFailed(new PlatformException(ErrorCode.BAD_GATEWAY,
                    "document-service gave an answer that cannot be read", null, unreadable));
        }
    }
}
