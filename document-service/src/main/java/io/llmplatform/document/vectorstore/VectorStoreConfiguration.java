package io.llmplatform.document.vectorstore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chroma when {@code CHROMA_URL} is set, else the file-backed in-memory store; the log says which. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VectorStoreProperties.class)
class VectorStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VectorStoreConfiguration.class);

    @Bean
    ChunkVectors chunkVectors(VectorStoreProperties properties) {
        ChunkVectors vectors;
        if (properties.chroma().configured()) {
            VectorStoreProperties.Chroma chroma = properties.chroma();
            vectors = new ChunkVectors(new LazyChromaStore(chroma), "Chroma at " + chroma.url() + " (tenant "
                    + chroma.tenant() + ", database " + chroma.database() + ", collection " + chroma.collection()
                    + ")");
        } else {
            FileBackedInMemoryStore store = new FileBackedInMemoryStore(properties.inMemoryFile());
            vectors = new ChunkVectors(store, "the in-memory vector store, saved to " + store.file()
                    + " (set CHROMA_URL for Chroma)");
        }
        log.info("Chunk vectors live in {}", vectors.description());
        return vectors;
    }
}
