package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.engine.LatencyProfile;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Over 100 concurrent streams, the time to first token and the inter-token latency a client measures honour the
 * configured means, and the configured spread shows. The streams start 0.5 ms apart (all 100 still overlap), as
 * clients do, rather than in one instant burst whose parsing would queue on two cores.
 *
 * <p>The lower bounds are tight: timers never fire early and a mean of 100 draws is within a few tenths of a
 * millisecond of the configured one, so a simulator that honours too little fails whatever the machine does (the
 * inter-token bound allows for a first token delivered late, which shortens the measured gaps after it). Above
 * the mean the bound is loose (twice the mean): a build running beside this test preempts the client for tens of ms,
 * and what is checked here is the latency model (a simulator that counts a delay twice fails), not the machine's speed.
 * The JIT compiler is warmed up first, and of several rounds the least disturbed one (lowest mean TTFT) is judged.
 */
class LatencyStatisticsTest {

    private static final int STREAMS = 100;
    private static final int TOKENS = 40;
    private static final int ROUNDS = 6;
    private static final Duration STAGGER = Duration.ofNanos(500_000);

    @Test
    void measuredTimeToFirstTokenAndInterTokenLatencyMatchTheConfiguredMeans() {
        LatencyProfile profile = LatencyProfile.ofMillis(30, 5, 3, 1).withLoadSlowdown(0);
        ConnectionProvider connections = ConnectionProvider.create("latency-test", STREAMS);
        try (VllmSimulator instant = VllmSimulator.start(SimulatorConfig.builder().port(0).build());
                VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).latency(profile)
                        .build())) {
            for (int warmUp = 0; warmUp < 30; warmUp++) {
                runStreams(client(connections, instant));
            }
            HttpClient client = client(connections, simulator);
            runStreams(client);

            Round round = leastDisturbed(client, ROUNDS);

            assertThat(round.ttftMeanMs()).as("mean TTFT (ms)").isBetween(30 * 0.9, 30 * 2.0);
            assertThat(round.ttftStdDevMs()).as("TTFT spread (ms)").isGreaterThan(2.5);
            assertThat(round.itlMeanMs()).as("mean ITL (ms)").isBetween(3 * 0.85, 3 * 2.0);
        } finally {
            connections.disposeLater().block();
        }
    }

    /** The round, of {@code rounds}, with the lowest mean time to first token. */
    private static Round leastDisturbed(HttpClient client, int rounds) {
        Round best = null;
        for (int i = 0; i < rounds; i++) {
            Round round = Round.of(runStreams(client));
            if (best == null || round.ttftMeanMs() < best.ttftMeanMs()) {
                best = round;
            }
        }
        return best;
    }

    private record Round(double ttftMeanMs, double ttftStdDevMs, double itlMeanMs) {
        static Round of(List<StreamTiming> timings) {
            List<Double> ttfts = timings.stream().map(StreamTiming::ttftMs).toList();
            List<Double> gaps = timings.stream().flatMap(timing -> timing.gapsMs().stream()).toList();
            assertThat(gaps).hasSize(STREAMS * (TOKENS - 1));
            return new Round(mean(ttfts), stdDev(ttfts), mean(gaps));
        }
    }

    private static HttpClient client(ConnectionProvider connections, VllmSimulator simulator) {
        return HttpClient.create(connections).baseUrl(simulator.baseUrl())
                .headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
    }

    private static List<StreamTiming> runStreams(HttpClient client) {
        String body = chat("hi", "\"stream\":true,\"max_tokens\":" + TOKENS + ",\"ignore_eos\":true");
        ConcurrentLinkedQueue<StreamTiming> timings = new ConcurrentLinkedQueue<>();
        Flux.fromStream(IntStream.range(0, STREAMS).boxed())
                .flatMap(i -> Mono.delay(STAGGER.multipliedBy(i)).then(stream(client, body)).doOnNext(timings::add),
                        STREAMS)
                .blockLast(Duration.ofSeconds(30));
        return new ArrayList<>(timings);
    }

    private static Mono<StreamTiming> stream(HttpClient client, String body) {
        return Mono.defer(() -> {
            long sent = System.nanoTime();
            List<Long> arrivals = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            return client.post().uri("/v1/chat/completions")
                    .send(ByteBufFlux.fromString(Mono.just(body)))
                    .responseContent().asString(StandardCharsets.UTF_8)
                    .doOnNext(text -> {
                        long now = System.nanoTime();
                        pending.append(text);
                        int end;
                        while ((end = pending.indexOf("\n\n")) >= 0) {
                            String event = pending.substring(0, end);
                            pending.delete(0, end + 2);
                            if (event.contains("\"content\":\"") && !event.contains("\"content\":\"\"")) {
                                arrivals.add(now);
                            }
                        }
                    })
                    .then(Mono.fromCallable(() -> new StreamTiming(sent, arrivals)));
        });
    }

    private record StreamTiming(long sentNanos, List<Long> arrivals) {
        double ttftMs() {
            return (arrivals.getFirst() - sentNanos) / 1e6;
        }

        List<Double> gapsMs() {
            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < arrivals.size(); i++) {
                gaps.add((arrivals.get(i) - arrivals.get(i - 1)) / 1e6);
            }
            return gaps;
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double stdDev(List<Double> values) {
        double mean = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElseThrow());
    }
}
