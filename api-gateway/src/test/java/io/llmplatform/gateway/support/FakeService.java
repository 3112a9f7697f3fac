package io.llmplatform.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Stands in for a platform service behind the gateway: a real HTTP server on loopback that records every request it
 * receives and answers with whatever the test sets (by default a small JSON naming itself and the path).
 */
public final class FakeService implements AutoCloseable {

    /** What the service does with one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, RecordedRequest request) throws Exception;
    }

    /** A request as the service received it. Header names are lower case. */
    public record RecordedRequest(String method, String pathAndQuery, Map<String, List<String>> headers,
            byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(", ", values);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String name;
    private final HttpServer server;
    private final Handler defaultHandler;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Handler handler;

    private FakeService(String name, HttpServer server, Handler defaultHandler) {
        this.name = name;
        this.server = server;
        this.defaultHandler = defaultHandler != null ? defaultHandler : namingItself(name);
        this.handler = this.defaultHandler;
    }

    public static FakeService start(String name) {
        return start(name, null);
    }

    /** A service whose answer, unless a test sets another, is {@code defaultHandler}'s. */
    public static FakeService start(String name, Handler defaultHandler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeService service = new FakeService(name, server, defaultHandler);
            server.createContext("/", service::dispatch);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(Handler handler) {
        this.handler = handler;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError(name + " received no request");
        }
        return requests.getLast();
    }

    /** Forgets the requests and goes back to the default answer. */
    public void reset() {
        requests.clear();
        handler = defaultHandler;
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The service's default answer, for a test's own handler to fall back on. */
    public Handler defaultHandler() {
        return defaultHandler;
    }

    /** The ordinary answer: a small JSON naming the service and the path it received. */
    public static Handler namingItself(String name) {
        return (exchange, request) -> respond(exchange, 200, "application/json",
                "{\"service\":\"" + name + "\",\"path\":\"" + request.pathAndQuery() + "\"}");
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(), lowerCase(exchange.getRequestHeaders()), body);
            requests.add(request);
            handler.handle(exchange, request);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    private static Map<String, List<String>> lowerCase(Headers headers) {
        return headers.entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(), Map.Entry::getValue,
                        (first, second) -> first));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
