package io.llmplatform.document.vectorstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store a platform without Chroma uses: what it held before a restart, it holds after. */
class FileBackedInMemoryStoreTest {

    @TempDir
    Path data;

    final UUID owner = UUID.randomUUID();
    final UUID document = UUID.randomUUID();

    ChunkVector vector(int index, float... values) {
        return new ChunkVector(UUID.randomUUID(), owner, document, UUID.randomUUID(), "manuals", index, index + 1,
                "Heading " + index, "chunk " + index, values);
    }

    @Test
    void vectorsAndTheirMetadataSurviveARestartFromTheFile() {
        Path file = data.resolve("index/vector-index.json");
        ChunkVectors before = new ChunkVectors(new FileBackedInMemoryStore(file), "test");
        ChunkVector near = vector(0, 1, 0, 0);
        before.add(List.of(near, vector(1, 0, 1, 0)));

        ChunkVectors after = new ChunkVectors(new FileBackedInMemoryStore(file), "test");

        assertThat(file).isRegularFile();
        assertThat(after.nearest(owner, new float[] {1, 0.1f, 0}, List.of("manuals"), List.of(document), 1, 0.5))
                .singleElement().satisfies(match -> {
                    assertThat(match.chunkId()).isEqualTo(near.id());
                    assertThat(match.cosine()).isGreaterThan(0.99);
                });
        assertThat(after.nearest(UUID.randomUUID(), new float[] {1, 0, 0}, null, null, 10, -1)).isEmpty();
    }

    @Test
    void removalsAreSavedToo() throws Exception {
        Path file = data.resolve("vector-index.json");
        ChunkVectors vectors = new ChunkVectors(new FileBackedInMemoryStore(file), "test");
        vectors.add(List.of(vector(0, 1, 0), vector(1, 0, 1)));

        vectors.removeDocument(owner, document, null);

        ChunkVectors restarted = new ChunkVectors(new FileBackedInMemoryStore(file), "test");
        assertThat(restarted.nearest(owner, new float[] {1, 0}, null, null, 10, -1)).isEmpty();
        try (var leftovers = Files.list(data)) {
            assertThat(leftovers).containsExactly(file);
        }
    }
}
