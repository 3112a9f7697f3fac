package io.llmplatform.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that reads each request and then, while it is told to, hangs up without answering: what a crashing pod
 * or a dropped connection looks like to the gateway. Otherwise it answers 200 and closes the connection.
 */
public final class ConnectionDroppingService implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger dropsLeft = new AtomicInteger();

    private ConnectionDroppingService(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().start(this::acceptAll);
    }

    public static ConnectionDroppingService start() {
        try {
            return new ConnectionDroppingService(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Hangs up on the next {@code count} requests ({@link Integer#MAX_VALUE}: on all of them). */
    public void dropNext(int count) {
        dropsLeft.set(count);
        requests.set(0);
    }

    public int requests() {
        return requests.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            String head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            in.readNBytes(contentLength(head));
            requests.incrementAndGet();
            if (dropsLeft.getAndUpdate(left -> left == Integer.MAX_VALUE ? left : Math.max(0, left - 1)) > 0) {
                return;
            }
            byte[] body = "{\"answered\":true}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException ignored) {
            // The gateway went away first; nothing to answer.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int next;
        while (matched < 4 && (next = in.read()) != -1) {
            head.write(next);
            matched = (next == '\r' || next == '\n') ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
