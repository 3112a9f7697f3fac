package io.llmplatform.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Original files in one directory, {@code <directory>/<first two hex digits of the id>/<id>}. A file is written
 * beside its final name and moved into place, so a crash leaves no half file under a document's name.
 */
final class FilesystemFileStore implements OriginalFileStore {

    private final Path directory;

    /** The directory is created with the first file, so a start (an image's AOT training run) writes nothing. */
    FilesystemFileStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public void put(UUID documentId, InputStream content, long size) throws IOException {
        Path target = pathOf(documentId);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(documentId + ".partial-" + UUID.randomUUID());
        try {
            Files.copy(content, partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(UUID documentId) throws IOException {
        return Files.newInputStream(pathOf(documentId));
    }

    @Override
    public void delete(UUID documentId) throws IOException {
        Files.deleteIfExists(pathOf(documentId));
    }

    /** Built from the UUID's canonical form only: no user input reaches a path. */
    private Path pathOf(UUID documentId) {
        String name = documentId.toString();
        return directory.resolve(name.substring(0, 2)).resolve(name);
    }
}
