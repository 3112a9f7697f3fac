package io.llmplatform.testkit.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.chromadb.ChromaDBContainer;

/** A Chroma vector database server (its v2 HTTP API). */
public abstract class ChromaEngine implements AutoCloseable {

    public static ChromaEngine start(EngineMode mode) {
        return mode == EngineMode.DOCKER ? new Container() : new Local();
    }

    /** For example {@code http://127.0.0.1:43117}. */
    public abstract String baseUrl();

    /** {@code chroma run} from PyPI's chromadb package, with its data in a temporary directory. */
    private static final class Local extends ChromaEngine {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final String baseUrl;
        private final LocalProcess process;

        Local() {
            Path chroma = LocalProcess.executable("chroma", "CHROMA_BIN",
                    "pip install chromadb==" + EngineVersions.get("chroma.pip.version"));
            int port = FreePorts.next();
            baseUrl = "http://127.0.0.1:" + port;
            process = LocalProcess.start("chroma", List.of(chroma.toString(), "run", "--path", dataDirectory(),
                            "--host", "127.0.0.1", "--port", Integer.toString(port)),
                    Map.of("ANONYMIZED_TELEMETRY", "False"), Duration.ofSeconds(90), this::answers);
        }

        private boolean answers() {
            try {
                HttpRequest heartbeat = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/heartbeat"))
                        .timeout(Duration.ofSeconds(1)).build();
                return HTTP.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static String dataDirectory() {
            try {
                return Files.createTempDirectory("chroma-test").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public void close() {
            process.close();
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
