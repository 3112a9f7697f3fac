package io.llmplatform.testkit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/** A Redis server. */
public abstract class RedisEngine implements AutoCloseable {

    private static final int REDIS_PORT = 6379;

    public static RedisEngine start(EngineMode mode) {
        return mode == EngineMode.DOCKER ? new Container() : new Local();
    }

    public abstract String host();

    public abstract int port();

    public String url() {
        return "redis://" + host() + ":" + port();
    }

    /** Sends {@code PING}; true when the server answers {@code +PONG}. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code redis-server} without persistence. */
    private static final class Local extends RedisEngine {
        private final int port;
        private final LocalProcess process;

        Local() {
            var redisServer = LocalProcess.executable("redis-server", "REDIS_SERVER_BIN",
                    "apt-get install redis-server");
            port = FreePorts.next();
            process = LocalProcess.start("redis", List.of(redisServer.toString(), "--port", Integer.toString(port),
                            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                    Map.of(), Duration.ofSeconds(20), this::ping);
        }

        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    private static final class Container extends RedisEngine {
        private final GenericContainer<?> redis;

        Container() {
            redis = new GenericContainer<>(EngineVersions.get("redis.image")).withExposedPorts(REDIS_PORT);
            redis.start();
        }

        @Override
        public String host() {
            return redis.getHost();
        }

        @Override
        public int port() {
            return redis.getMappedPort(REDIS_PORT);
        }

        @Override
        public void close() {
            redis.stop();
        }
    }
}
