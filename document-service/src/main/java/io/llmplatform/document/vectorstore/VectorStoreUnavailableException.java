package io.llmplatform.document.vectorstore;

/** The vector store could not be read or written now (Chroma down or slow, the store's file unwritable). */
public class VectorStoreUnavailableException extends RuntimeException {

    public VectorStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
