package io.llmplatform.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, one request per connection, for requests an HTTP client library would refuse to send
 * or would normalise first: a raw backslash or {@code ..} in the path, encoded slashes, NUL, an 80 KB URI, oversized
 * headers. The response is read as it came, headers and all, including a repeated header.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 15_000;

    private final String host;
    private final int port;

    public RawHttp(URI base) {
        this(base.getHost(), base.getPort());
    }

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A response as read from the wire; header names are lower-cased. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        /** Every value of a header, in order. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    public Response get(String target, String... headerLines) {
        return send("GET", target, null, null, headerLines);
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code Host}, {@code Connection: close}, the given header lines
     * ({@code "Name: value"}) and the body, if any, exactly as given.
     */
    public Response send(String method, String target, String contentType, byte[] body, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(readUntilClosed(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + method + " " + abbreviated(target), e);
        }
    }

    private static byte[] readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = socket.getInputStream().read(buffer)) >= 0; ) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException stopped) {
            // A server that refuses a request may reset the connection after its answer; keep what arrived.
            if (received.size() == 0) {
                throw stopped;
            }
        }
        return received.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IllegalStateException("not an HTTP response: " + abbreviated(text));
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        int position = headEnd + 4;
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        byte[] body = encoding.contains("chunked") ? dechunk(raw, text, position)
                : java.util.Arrays.copyOfRange(raw, position, raw.length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] raw, String text, int position) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = text.indexOf("\r\n", position);
            if (lineEnd < 0) {
                return body.toByteArray();
            }
            int size = Integer.parseInt(text.substring(position, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(raw, lineEnd + 2, Math.min(size, raw.length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
            if (position > raw.length) {
                return body.toByteArray();
            }
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
