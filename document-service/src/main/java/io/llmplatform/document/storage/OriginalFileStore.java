package io.llmplatform.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Where each document's original file is kept, for parsing and later reindexing. Files are named by the document's
 * id alone, never by anything a user sent.
 */
public interface OriginalFileStore {

    /**
     * Stores the file of a document ({@code size} bytes), replacing one it had; the file is complete or absent,
     * never partial.
     */
    void put(UUID documentId, InputStream content, long size) throws IOException;

    /** @throws java.nio.file.NoSuchFileException when the document has no file */
    InputStream open(UUID documentId) throws IOException;

    /** Removes the document's file; does nothing when it has none. */
    void delete(UUID documentId) throws IOException;
}
