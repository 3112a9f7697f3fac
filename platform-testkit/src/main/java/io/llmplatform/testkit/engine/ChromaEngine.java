package io.llmplatform.testkit.engine;

import io.llmplatform.launcher.engine.LocalChroma;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.chromadb.ChromaDBContainer;

/** A Chroma vector database server (its v2 HTTP API). */
public abstract class ChromaEngine implements AutoCloseable {

    public static ChromaEngine start(EngineMode mode) {
        return mode == EngineMode.DOCKER ? new Container() : new Local();
    }

    /** For example {@code http://127.0.0.1:43117}. */
    public abstract String baseUrl();

    /** {@code chroma run} from PyPI's chromadb package, as the launcher runs it, data in a temporary directory. */
    private static final class Local extends ChromaEngine {
        private final LocalChroma chroma;

        Local() {
            Path executable = LocalProcess.executable("chroma", LocalChroma.OVERRIDE_VARIABLE,
                    "pip install chromadb==" + EngineVersions.get("chroma.pip.version"));
            try {
                chroma = LocalChroma.start(executable, FreePorts.next(), Files.createTempDirectory("chroma-test"),
                        LocalProcess.logFile("chroma"), Duration.ofSeconds(90));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException failed) {
                throw new EngineUnavailableException(failed.getMessage(), failed);
            }
        }

        @Override
        public String baseUrl() {
            return chroma.baseUrl();
        }

        @Override
        public void close() {
            chroma.close();
        }
    }

    private static final class Container extends ChromaEngine {
        private final ChromaDBContainer chroma;

        Container() {
            chroma = new ChromaDBContainer(EngineVersions.get("chroma.image"));
            chroma.start();
        }

        @Override
        public String baseUrl() {
            return chroma.getEndpoint();
        }

        @Override
        public void close() {
            chroma.stop();
        }
    }
}
