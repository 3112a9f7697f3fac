package io.llmplatform.chat.conversation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** Writes named server-sent events with JSON data, flushing each; a failed write means the client has gone. */
final class SseWriter {

    private final OutputStream out;
    private final JsonMapper json;
    private volatile boolean open = true;

    SseWriter(OutputStream out, JsonMapper json) {
        this.out = out;
        this.json = json;
    }

    /** False once the client has gone. */
    synchronized boolean event(String name, Object data) {
        if (!open) {
            return false;
        }
        try {
            out.write(("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException gone) {
            open = false;
            return false;
        }
    }
}
