package io.llmplatform.document.index;

/** Embedding or storing chunks failed for a reason that may pass (a callee down, a timeout): retry later. */
public class IndexingUnavailableException extends RuntimeException {

    public IndexingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
