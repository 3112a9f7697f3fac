package io.llmplatform.contracts.documents;

/**
 * Where a document is in ingestion. {@code QUEUED} also covers waiting for a retry; {@code STORED} and
 * {@code FAILED} are final until the document is reindexed.
 */
public enum DocumentStatus {
    QUEUED, PARSING, CHUNKING, EMBEDDING, STORED, FAILED;

    public boolean isFinal() {
        return this == STORED || this == FAILED;
    }
}
