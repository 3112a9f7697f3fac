package io.llmplatform.simulator.completion;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import reactor.netty.http.server.HttpServerRequest;

/** vLLM names a request after the client's {@code X-Request-Id} when there is one, else after a random id. */
public final class ResponseIds {

    private ResponseIds() {
    }

    public static String of(String prefix, HttpServerRequest request) {
        String requestId = request.requestHeaders().get("X-Request-Id");
        if (requestId == null || requestId.isBlank()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            requestId = HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        }
        return prefix + requestId;
    }
}
