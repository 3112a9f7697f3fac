package io.llmplatform.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One load test.
 *
 * @param rate open loop: requests started per second, on a fixed schedule whatever the answers do; 0 for closed loop
 * @param concurrency closed loop: requests kept in flight, each started when the previous one ends
 * @param warmup sent like the rest but left out of the results
 * @param stream read the answers as server-sent events and measure time to first token and tokens
 * @param connections most connections open at once
 * @param timeout a request not answered in this time counts as an error
 */
public record LoadTestConfig(
        URI url,
        String method,
        byte[] body,
        List<Header> headers,
        double rate,
        int concurrency,
        Duration duration,
        Duration warmup,
        boolean stream,
        int connections,
        Duration timeout) {

    public LoadTestConfig {
        headers = List.copyOf(headers);
        if ((rate > 0) == (concurrency > 0)) {
            throw new IllegalArgumentException("give either a rate (open loop) or a concurrency (closed loop)");
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("duration must be positive and warmup not negative");
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
    }

    public boolean openLoop() {
        return rate > 0;
    }

    /** A request header, from {@code "Name: value"}. */
    public record Header(String name, String value) {

        public static Header parse(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header is 'Name: value', got '" + line + "'");
            }
            return new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }
}
