package io.llmplatform.models.endpoint;

import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.openai.ModelList;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a vLLM server's own endpoints ({@code /health}, {@code /metrics}, {@code /v1/models}, sleep mode) and the
 * simulator's admin API. Every call has a timeout; none is retried here (callers poll).
 */
@Component
public class VllmEndpointClient {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT).build();
    private final JsonMapper json;

    public VllmEndpointClient(JsonMapper json) {
        this.json = json;
    }

    /** An answer: its status and body. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Reply get(URI url, String apiKey, Duration timeout) throws IOException {
        return send(request(url, apiKey, timeout).GET());
    }

    public Reply post(URI url, String apiKey, Object body, Duration timeout) throws IOException {
        return send(request(url, apiKey, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : json.writeValueAsString(body))));
    }

    /** {@code /health}: 200 once the server serves. */
    public boolean healthy(URI base, String apiKey, Duration timeout) throws IOException {
        return get(base.resolve("/health"), apiKey, timeout).status() == 200;
    }

    public List<ModelList.Model> models(URI base, String apiKey, Duration timeout) throws IOException {
        Reply reply = get(base.resolve("/v1/models"), apiKey, timeout);
        if (!reply.ok()) {
            throw new IOException(base + "/v1/models answered " + reply.status());
        }
        ModelList list = json.readValue(reply.body(), ModelList.class);
        return list.data() == null ? List.of() : list.data();
    }

    /** One tiny request, so the first user does not pay for the model's first-request costs. */
    public void warmUp(URI base, String apiKey, ModelTask task, String servedModelName, Duration timeout)
            throws IOException {
        Reply reply = switch (task) {
            case CHAT -> post(base.resolve("/v1/chat/completions"), apiKey, Map.of("model", servedModelName,
                    "messages", List.of(Map.of("role", "user", "content", "ping")), "max_tokens", 1), timeout);
            case EMBED -> post(base.resolve("/v1/embeddings"), apiKey, Map.of("model", servedModelName,
                    "input", "ping"), timeout);
            case RERANK -> get(base.resolve("/health"), apiKey, timeout);
        };
        if (!reply.ok()) {
            throw new IOException("the warm-up request to " + servedModelName + " answered " + reply.status() + ": "
                    + abbreviated(reply.body()));
        }
    }

    private HttpRequest.Builder request(URI url, String apiKey, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout);
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
