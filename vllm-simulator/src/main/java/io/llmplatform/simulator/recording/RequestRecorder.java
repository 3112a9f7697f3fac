package io.llmplatform.simulator.recording;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import reactor.netty.http.server.HttpServerRequest;

/** Keeps the last N completion requests received, oldest first. */
public final class RequestRecorder {

    private final int limit;
    private final Clock clock;
    private final ArrayDeque<RecordedRequest> requests;

    public RequestRecorder(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.requests = new ArrayDeque<>(Math.min(limit, 1024));
    }

    public void record(HttpServerRequest request, byte[] body) {
        if (limit == 0) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Entry<String, String> header : request.requestHeaders()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(), name -> new ArrayList<>()).add(header.getValue());
        }
        RecordedRequest recorded = new RecordedRequest(clock.instant(), request.method().name(), request.uri(),
                headers, new String(body, StandardCharsets.UTF_8));
        synchronized (requests) {
            if (requests.size() == limit) {
                requests.removeFirst();
            }
            requests.addLast(recorded);
        }
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clear() {
        synchronized (requests) {
            requests.clear();
        }
    }
}
