package io.llmplatform.simulator.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request as the simulator received it, for tests that check what reached "vLLM".
 *
 * @param headers header names in lower case, each with its values in order
 * @param body the raw body, exactly as sent
 */
public record RecordedRequest(
        Instant receivedAt, String method, String path, Map<String, List<String>> headers, String body) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, whatever the case of its name; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
        return MAPPER.readTree(body);
    }
}
