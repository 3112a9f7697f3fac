package io.llmplatform.testkit.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * An S3-compatible server: moto's, which accepts any access key and keeps objects in memory. Buckets are created
 * by the test through the S3 API, as against any S3.
 */
public abstract class S3Engine implements AutoCloseable {

    private static final int MOTO_PORT = 5000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public static S3Engine start(EngineMode mode) {
        return mode == EngineMode.DOCKER ? new Container() : new Local();
    }

    /** The endpoint to give an S3 client (path-style addressing). */
    public abstract String endpoint();

    /** Any key works against moto. */
    public String accessKeyId() {
        return "test-access-key";
    }

    public String secretAccessKey() {
        return "test-secret-key";
    }

    boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(1))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code moto_server} from PyPI's {@code moto[server]}. */
    private static final class Local extends S3Engine {
        private final int port;
        private final LocalProcess process;

        Local() {
            var motoServer = LocalProcess.executable("moto_server", "MOTO_SERVER_BIN",
                    "pip install 'moto[server]==" + EngineVersions.get("moto.pip.version") + "'");
            port = FreePorts.next();
            process = LocalProcess.start("moto", List.of(motoServer.toString(), "-H", "127.0.0.1", "-p",
                    Integer.toString(port)), Map.of(), Duration.ofSeconds(30), this::answers);
        }

        @Override
        public String endpoint() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    private static final class Container extends S3Engine {
        private final GenericContainer<?> moto;

        Container() {
            moto = new GenericContainer<>(EngineVersions.get("s3.image")).withExposedPorts(MOTO_PORT)
                    .waitingFor(Wait.forListeningPort());
            moto.start();
        }

        @Override
        public String endpoint() {
            return "http://" + moto.getHost() + ":" + moto.getMappedPort(MOTO_PORT);
        }

        @Override
        public void close() {
            moto.stop();
        }
    }
}
