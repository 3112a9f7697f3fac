package io.llmplatform.document.parsing;

/** The file cannot become text; the message is the reason its owner reads on the failed document. */
public class UnreadableDocumentException extends Exception {

    public UnreadableDocumentException(String reason) {
        super(reason);
    }

    public UnreadableDocumentException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
