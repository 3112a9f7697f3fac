package io.llmplatform.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the simulator's endpoints, and readers of what they answer. */
public final class SimulatorHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SimulatorHttp(VllmSimulator simulator) {
        this.baseUrl = simulator.baseUrl();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The value of one sample in {@code /metrics}, e.g. {@code metric("vllm:num_requests_running", "")}. */
    public double metric(String name, String labelsContaining) {
        String metrics = get("/metrics").body();
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(1).contains(labelsContaining)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{..." + labelsContaining + "...} in:\n" + metrics);
    }

    public static String chat(String userMessage, String extraFields) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(userMessage) + "}"
                + "]" + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }
}
