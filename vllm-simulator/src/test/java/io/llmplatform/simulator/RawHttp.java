package io.llmplatform.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a bare socket, so tests see the exact bytes on the wire: the head, the chunked framing, and whether
 * the response was finished (the terminating zero-length chunk) or cut off.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** What came back: the head, the de-chunked body, and whether the last chunk arrived. */
    record Exchange(String head, String body, boolean complete) {
    }

    static Exchange post(int port, String path, String json, String... extraHeaderLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\n");
            for (String line : extraHeaderLines) {
                request.append(line).append("\r\n");
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Exchange read(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = text.substring(0, headEnd);
        int position = headEnd + 4;
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return new Exchange(head, utf8(raw, position, raw.length - position), true);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = text.indexOf("\r\n", position);
            if (lineEnd < 0) {
                return new Exchange(head, body.toString(StandardCharsets.UTF_8), false);
            }
            int size = Integer.parseInt(text.substring(position, lineEnd).trim(), 16);
            if (size == 0) {
                return new Exchange(head, body.toString(StandardCharsets.UTF_8), true);
            }
            body.write(raw, lineEnd + 2, Math.min(size, raw.length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
            if (position > raw.length) {
                return new Exchange(head, body.toString(StandardCharsets.UTF_8), false);
            }
        }
    }

    private static String utf8(byte[] raw, int offset, int length) {
        return new String(raw, offset, length, StandardCharsets.UTF_8);
    }
}
