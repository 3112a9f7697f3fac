package io.llmplatform.testkit.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body as a browser's form sends it: one file part and optional text fields, for
 * {@link java.net.http.HttpClient}, which has no multipart publisher of its own.
 */
public final class MultipartForm {

    private static final String BOUNDARY = "----platform-test-boundary";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A form with the file in part {@code name}, sent as {@code application/octet-stream}. */
    public static MultipartForm withFile(String name, String fileName, byte[] content) {
        MultipartForm form = new MultipartForm();
        form.write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        form.body.writeBytes(content);
        form.write("\r\n");
        return form;
    }

    /** Adds a text field; a null value is left out. */
    public MultipartForm field(String name, String value) {
        if (value != null) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n");
        }
        return this;
    }

    /** The Content-Type header's value. */
    public String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    public HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream complete = new ByteArrayOutputStream();
        complete.writeBytes(body.toByteArray());
        complete.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(complete.toByteArray());
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
