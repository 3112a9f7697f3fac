package io.llmplatform.document.index;

/** Told how many of a document's chunks are embedded so far, as batches finish. */
@FunctionalInterface
public interface IndexingProgress {

    void embedded(int done, int total);
}
