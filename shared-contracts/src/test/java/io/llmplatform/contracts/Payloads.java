package io.llmplatform.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** Recorded OpenAI and vLLM payloads from {@code src/test/resources/payloads}. */
final class Payloads {

    /** A mapper with Jackson's defaults: the records must not rely on any service's mapper settings. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static String read(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Payloads() {
    }
}
